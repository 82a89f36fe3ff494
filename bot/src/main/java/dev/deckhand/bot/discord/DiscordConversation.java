package dev.deckhand.bot.discord;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * One Discord guild channel. A message's id is its snowflake. Posts go through JDA's queue (which
 * waits out a 429 by itself); an edit is made exactly once, bypassing that queue, so that a 429
 * becomes {@link RateLimitedException} with Discord's Retry-After and the live-message scheduler
 * keeps merging states instead of JDA replaying stale ones. Each channel has its own {@link
 * EditBudget} of {@link #EDITS} per {@link #EDIT_WINDOW}, Discord's observed per-channel bucket.
 *
 * <p>A message older than {@link #CONTINUE_AFTER} is not edited any more (Discord caps edits of
 * messages older than an hour): its next state is posted as a fresh message that links the old one,
 * and later edits of the old reference go to the new message. Thread-safe; every call blocks.
 */
final class DiscordConversation implements Conversation {
  static final int EDITS = 5;
  static final Duration EDIT_WINDOW = Duration.ofSeconds(5);
  static final Duration CONTINUE_AFTER = Duration.ofMinutes(50);

  private final JDA jda;
  private final String channelId;
  private final DiscordRenderer renderer;
  private final Clock clock;
  private final EditBudget budget = EditBudget.perWindow(EDITS, EDIT_WINDOW);
  private final Map<String, String> continuedIn = new ConcurrentHashMap<>();

  DiscordConversation(JDA jda, String channelId, DiscordRenderer renderer, Clock clock) {
    this.jda = jda;
    this.channelId = channelId;
    this.renderer = renderer;
    this.clock = clock;
  }

  @Override
  public String id() {
    return channelId;
  }

  @Override
  public MessageRef post(Reply reply) {
    Message sent =
        call("post", () -> channel().sendMessageEmbeds(renderer.render(reply)).complete());
    return new MessageRef(channelId, sent.getId());
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    String current = continuedIn.getOrDefault(message.id(), message.id());
    MessageEmbed embed = renderer.render(reply);
    if (tooOldToEdit(current)) {
      Message fresh =
          call(
              "post a continuation",
              () ->
                  channel()
                      .sendMessage("continued from " + jumpUrl(current))
                      .setEmbeds(embed)
                      .setAllowedMentions(List.of())
                      .complete());
      continuedIn.put(message.id(), fresh.getId());
      return;
    }
    try {
      channel().editMessageEmbedsById(current, embed).complete(false);
    } catch (net.dv8tion.jda.api.exceptions.RateLimitedException e) {
      throw new RateLimitedException(
          "Discord rate-limited an edit in " + channelId, Duration.ofMillis(e.getRetryAfter()));
    } catch (ErrorResponseException e) {
      throw refused("edit message " + current, e);
    }
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    String to = continuedIn.getOrDefault(parent.id(), parent.id());
    Message sent =
        call(
            "reply",
            () ->
                channel()
                    .sendMessageEmbeds(renderer.render(reply))
                    .setMessageReference(to)
                    .failOnInvalidReply(false)
                    .mentionRepliedUser(false)
                    .complete());
    return new MessageRef(channelId, sent.getId());
  }

  @Override
  public Duration minEditInterval() {
    return Duration.ofSeconds(1);
  }

  @Override
  public EditBudget editBudget() {
    return budget;
  }

  /** The link Discord clients open a message with. */
  String jumpUrl(String messageId) {
    return "https://discord.com/channels/"
        + channel().getGuild().getId()
        + "/"
        + channelId
        + "/"
        + messageId;
  }

  private boolean tooOldToEdit(String messageId) {
    try {
      return TimeUtil.getTimeCreated(Long.parseUnsignedLong(messageId))
          .toInstant()
          .plus(CONTINUE_AFTER)
          .isBefore(clock.instant());
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private GuildMessageChannel channel() {
    GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
    if (channel == null) {
      throw new DiscordCallException(
          "channel " + channelId + " is not one the bot can see (is it in the guild?)", null);
    }
    return channel;
  }

  private <T> T call(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ErrorResponseException e) {
      throw refused(what, e);
    }
  }

  private DiscordCallException refused(String what, ErrorResponseException e) {
    return new DiscordCallException(
        "Discord refused to "
            + what
            + " in "
            + channelId
            + ": error "
            + e.getErrorCode()
            + " "
            + e.getMeaning(),
        e);
  }
}
