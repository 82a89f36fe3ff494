package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.deckhand.bot.slack.FakeSlack.Call;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.live.LiveMessage;
import dev.deckhand.commands.live.LiveMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SlackConversation} through the real SDK against {@link FakeSlack} on loopback. */
@Timeout(90)
class SlackConversationIT {
  private FakeSlack fake;
  private Slack slack;
  private SlackConversations workspace;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlack();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.methodsUrl());
    config.setStatsEnabled(false);
    slack = Slack.getInstance(config);
    workspace = new SlackConversations(slack.methods("xoxb-test-token"));
  }

  @AfterEach
  void stop() throws Exception {
    slack.close();
    fake.close();
  }

  @Test
  void postsEditsAndRepliesInAThread() throws Exception {
    assertThat(slack.methods("xoxb-test-token").authTest(r -> r).getUserId()).isEqualTo("U0BOT");
    Conversation channel = workspace.channel("C1");

    MessageRef posted = channel.post(new Reply.Text("deploying"));
    channel.edit(posted, new Reply.Text("deployed"));
    MessageRef reply = channel.postUnder(posted, new Reply.Text("pod p is ready"));

    assertThat(posted.conversation()).isEqualTo("C1");
    assertThat(reply.id()).isNotEqualTo(posted.id());
    List<Call> calls = fake.calls();
    assertThat(calls)
        .extracting(Call::method)
        .containsExactly("auth.test", "chat.postMessage", "chat.update", "chat.postMessage");
    assertThat(calls.get(1))
        .extracting(Call::channel, Call::text, Call::threadTs)
        .containsExactly("C1", "deploying", null);
    assertThat(calls.get(2))
        .extracting(Call::channel, Call::ts, Call::text)
        .containsExactly("C1", posted.id(), "deployed");
    assertThat(calls.get(3))
        .extracting(Call::channel, Call::threadTs, Call::text)
        .containsExactly("C1", posted.id(), "pod p is ready");
  }

  @Test
  void aRateLimitSurfacesWithItsRetryAfterAndIsNotRetried() {
    Conversation channel = workspace.channel("C1");
    MessageRef posted = channel.post(new Reply.Text("deploying"));
    fake.refuseNext(1, Duration.ofSeconds(7));

    assertThatThrownBy(() -> channel.edit(posted, new Reply.Text("deployed")))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    assertThat(fake.calls("chat.update")).hasSize(1);
  }

  @Test
  void aRefusedCallBecomesAnErrorThatNamesWhatSlackSaid() {
    Conversation missing = workspace.channel("C404");
    assertThatThrownBy(() -> missing.post(new Reply.Text("hello")))
        .isInstanceOf(SlackCallException.class)
        .hasMessage("Slack refused chat.postMessage: channel_not_found");
  }

  @Test
  void liveMessagesHonourRetryAfterAndEndInTheirFinalState() throws Exception {
    fake.throttle("chat.update", 0.4, 1, 2, 42);
    Conversation channel = workspace.channel("C1");
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    // One thread makes every call, as the workspace budget is one queue: no edit can be on its way
    // when a 429 comes back, so the fake may check Retry-After across all messages.
    ExecutorService io = Executors.newSingleThreadExecutor();
    List<LiveMessage> live = new ArrayList<>();
    try {
      LiveMessages messages = new LiveMessages(scheduler, io);
      for (int m = 0; m < 5; m++) {
        live.add(messages.post(channel, new Reply.Text("m" + m + " 0")));
      }
      List<CompletableFuture<Void>> done = new ArrayList<>();
      CompletableFuture<Void> produced = new CompletableFuture<>();
      AtomicInteger round = new AtomicInteger();
      scheduler.scheduleAtFixedRate(
          () -> {
            int i = round.incrementAndGet();
            if (i > 15) {
              return;
            }
            for (int m = 0; m < live.size(); m++) {
              if (i < 15) {
                live.get(m).update(new Reply.Text("m" + m + " " + i));
              } else {
                done.add(live.get(m).finish(new Reply.Text("m" + m + " final")));
              }
            }
            if (i == 15) {
              produced.complete(null);
            }
          },
          0,
          200,
          TimeUnit.MILLISECONDS);
      produced.get(10, TimeUnit.SECONDS);
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(25, TimeUnit.SECONDS);
    } finally {
      scheduler.shutdownNow();
      io.shutdownNow();
    }

    List<Call> updates = fake.calls("chat.update");
    List<Call> refused = updates.stream().filter(c -> c.status() == 429).toList();
    System.out.printf(
        "SlackConversationIT: %d chat.update calls, %d answered 429%n",
        updates.size(), refused.size());
    assertThat(refused).as("the fake refused some edits").isNotEmpty();
    for (Call r : refused) {
      long deadline = r.nanos() + r.retryAfter().toNanos();
      assertThat(updates)
          .filteredOn(c -> c.nanos() > r.nanos())
          .as("calls after the 429 at %d", r.nanos())
          .allSatisfy(c -> assertThat(c.nanos()).isGreaterThanOrEqualTo(deadline));
    }
    for (int m = 0; m < 5; m++) {
      String ts = live.get(m).ref().id();
      List<Call> mine =
          updates.stream().filter(c -> c.ts().equals(ts) && c.status() == 200).toList();
      assertThat(mine).last().extracting(Call::text).isEqualTo("m" + m + " final");
      List<Call> all = updates.stream().filter(c -> c.ts().equals(ts)).toList();
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i).nanos() - all.get(i - 1).nanos())
            .as("gap between edits of %s", ts)
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
      }
    }
  }
}
