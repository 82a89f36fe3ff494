package dev.deckhand.bot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.engine.Dispatcher;
import dev.deckhand.commands.model.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's listeners: a slash command becomes an {@link Invocation}, a {@code reaction_added} or
 * {@code reaction_removed} event a {@link Reaction}, both handed to the {@link Dispatcher}, which
 * returns at once, and acknowledged. Only mapping, no business logic. The idempotency keys are
 * Slack's own delivery ids, the same over HTTP and Socket Mode and in every retry: a slash
 * command's {@code trigger_id}, an event's {@code event_id}; the dispatcher keeps them durably.
 */
final class SlackInbound {
  private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);

  private final Dispatcher dispatcher;
  private final SlackConversations conversations;

  SlackInbound(Dispatcher dispatcher, SlackConversations conversations) {
    this.dispatcher = dispatcher;
    this.conversations = conversations;
  }

  Response command(SlashCommandRequest request, SlashCommandContext ctx) {
    SlashCommandPayload p = request.getPayload();
    String command = p.getCommand() == null ? "" : p.getCommand().trim();
    if (!command.startsWith("/")
        || p.getUserId() == null
        || p.getChannelId() == null
        || p.getTriggerId() == null) {
      log.info("ignoring a slash command without its ids");
      return Response.builder().statusCode(400).build();
    }
    String text = p.getText() == null ? "" : p.getText().trim();
    String name = p.getUserName() == null ? p.getUserId() : p.getUserName();
    Invocation invocation =
        new Invocation(
            new Actor("slack", p.getUserId(), name),
            p.getChannelId(),
            text.isEmpty() ? command : command + " " + text,
            "slack:" + p.getTriggerId());
    dispatcher.submit(invocation, conversations.channel(p.getChannelId()));
    return ctx.ack();
  }

  /** One reaction event, by its fields (Bolt has a class per event type). */
  record ReactionEvent(
      String eventId, String user, String emoji, String channel, String ts, boolean added) {}

  Response reaction(ReactionEvent e, EventContext ctx) {
    if (ctx.getRetryNum() != null) {
      log.info(
          "Slack retry {} ({}) of event {}", ctx.getRetryNum(), ctx.getRetryReason(), e.eventId());
    }
    if (e.eventId() == null
        || e.user() == null
        || e.emoji() == null
        || e.channel() == null
        || e.ts() == null) {
      log.info("ignoring a reaction event without its ids");
      return ctx.ack();
    }
    dispatcher.react(
        new Reaction(
            new Actor("slack", e.user(), e.user()),
            e.channel(),
            e.ts(),
            e.emoji(),
            e.added(),
            "slack:" + e.eventId()));
    return ctx.ack();
  }
}
