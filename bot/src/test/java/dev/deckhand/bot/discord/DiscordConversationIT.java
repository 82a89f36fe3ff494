package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.bot.discord.FakeDiscord.Call;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DiscordConversation} against {@link FakeDiscord}, with the clock that decides a message's
 * age moved by hand: a message is edited in place until it is older than {@link
 * DiscordConversation#CONTINUE_AFTER}, then continued in a fresh message linking it.
 */
@Timeout(60)
class DiscordConversationIT {
  static FakeDiscord fake;
  static JDA jda;
  static final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  static final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  @BeforeAll
  static void connect() throws Exception {
    fake = new FakeDiscord(clock);
    jda =
        JDABuilder.createLight("test.discord.token", EnumSet.noneOf(GatewayIntent.class))
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .setChunkingFilter(ChunkingFilter.NONE)
            .disableCache(EnumSet.allOf(CacheFlag.class))
            .setRestConfig(new RestConfig().setBaseUrl(fake.apiUrl()))
            .setCompression(Compression.NONE)
            .setSessionController(
                new SessionControllerAdapter() {
                  @Override
                  public String getGateway() {
                    return fake.gatewayUrl();
                  }
                })
            .build()
            .awaitReady();
  }

  @AfterAll
  static void close() throws Exception {
    if (jda != null) {
      jda.shutdownNow();
      jda.awaitShutdown(Duration.ofSeconds(5));
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void aMessageOlderThanFiftyMinutesIsContinuedInAFreshMessageThatLinksItAndEditedThere() {
    DiscordConversation channel =
        new DiscordConversation(jda, FakeDiscord.CHANNEL, new DiscordRenderer(), clock);

    MessageRef first = channel.post(text("step 1"));
    channel.edit(first, text("step 2"));
    assertThat(lastCall().is("PATCH", "messages/" + first.id())).isTrue();

    now.set(now.get().plus(DiscordConversation.CONTINUE_AFTER).plusSeconds(60));
    channel.edit(first, text("step 3"));
    Call continued = lastCall();
    assertThat(continued.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages")).isTrue();
    assertThat(continued.body().getString("content"))
        .isEqualTo("continued from " + channel.jumpUrl(first.id()));
    assertThat(continued.description()).contains("step 3");

    channel.edit(first, text("step 4"));
    assertThat(lastCall().is("PATCH", "messages/" + continued.posted())).isTrue();
    assertThat(lastCall().description()).contains("step 4");
    channel.postUnder(first, text("a reply"));
    assertThat(lastCall().body().getObject("message_reference").getString("message_id"))
        .as("replies go under the message that is current")
        .isEqualTo(continued.posted());

    // the continuation ages in its turn: the next one links it, and the chain follows
    now.set(now.get().plus(DiscordConversation.CONTINUE_AFTER).plusSeconds(60));
    channel.edit(first, text("step 5"));
    Call again = lastCall();
    assertThat(again.body().getString("content"))
        .isEqualTo("continued from " + channel.jumpUrl(continued.posted()));
    channel.edit(first, text("done"));
    assertThat(lastCall().is("PATCH", "messages/" + again.posted())).isTrue();
    assertThat(lastCall().description()).contains("done");
  }

  private static Reply text(String s) {
    return new Reply.Text(s);
  }

  private static Call lastCall() {
    List<Call> calls = fake.calls();
    return calls.get(calls.size() - 1);
  }
}
