package dev.deckhand.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.io.IOException;
import java.time.Duration;

/**
 * One Slack channel over the Web API. A message's id is its {@code ts}. Every call blocks on Slack.
 * An edit is made once: a 429 becomes {@link RateLimitedException} with Slack's Retry-After (the
 * live-message queue waits it out and merges states), anything else a {@link SlackCallException}.
 * Posts go through the channel's {@link PostGate}: one at a time, and within a Retry-After they
 * fail at once with {@link RateLimitedException} (the core's outbox and live messages schedule them
 * again; nothing sleeps here). Thread-safe (the SDK client is).
 */
final class SlackConversation implements Conversation {
  private final MethodsClient slack;
  private final String channel;
  private final SlackRenderer renderer;
  private final EditBudget budget;
  private final PostGate posts = new PostGate();

  SlackConversation(
      MethodsClient slack, String channel, SlackRenderer renderer, EditBudget budget) {
    this.slack = slack;
    this.channel = channel;
    this.renderer = renderer;
    this.budget = budget;
  }

  @Override
  public String id() {
    return channel;
  }

  @Override
  public MessageRef post(Reply reply) {
    SlackMessage m = renderer.render(reply);
    String ts =
        posts
            .call(
                () ->
                    call(
                        "chat.postMessage",
                        () ->
                            slack.chatPostMessage(
                                r -> r.channel(channel).text(m.text()).blocks(m.blocks()))))
            .getTs();
    return new MessageRef(channel, ts);
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    SlackMessage m = renderer.render(reply);
    call(
        "chat.update",
        () ->
            slack.chatUpdate(
                r ->
                    r.channel(message.conversation())
                        .ts(message.id())
                        .text(m.text())
                        .blocks(m.blocks())));
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    SlackMessage m = renderer.render(reply);
    String ts =
        posts
            .call(
                () ->
                    call(
                        "chat.postMessage",
                        () ->
                            slack.chatPostMessage(
                                r ->
                                    r.channel(parent.conversation())
                                        .threadTs(parent.id())
                                        .text(m.text())
                                        .blocks(m.blocks()))))
            .getTs();
    return new MessageRef(parent.conversation(), ts);
  }

  /** {@code chat.postEphemeral}: only {@code to} sees it, in this channel; not stored by Slack. */
  @Override
  public void whisper(Actor to, Reply reply) {
    if (!"slack".equals(to.platform())) {
      post(reply);
      return;
    }
    SlackMessage m = renderer.render(reply);
    call(
        "chat.postEphemeral",
        () ->
            slack.chatPostEphemeral(
                r -> r.channel(channel).user(to.id()).text(m.text()).blocks(m.blocks())));
  }

  @Override
  public Duration minEditInterval() {
    return Duration.ofSeconds(1);
  }

  @Override
  public EditBudget editBudget() {
    return budget;
  }

  private <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        throw new RateLimitedException(
            "Slack rate-limited " + method, retryAfter(e.getResponse().header("Retry-After")));
      }
      throw new SlackCallException("Slack answered " + method + " with HTTP " + status);
    } catch (IOException e) {
      throw new SlackCallException("could not reach Slack for " + method + ": " + e.getMessage());
    }
    if (!response.isOk()) {
      if ("ratelimited".equals(response.getError())) {
        throw new RateLimitedException("Slack rate-limited " + method, DEFAULT_RETRY_AFTER);
      }
      throw new SlackCallException("Slack refused " + method + ": " + response.getError());
    }
    return response;
  }

  /** Used when a 429 carries no usable Retry-After: long enough not to be refused again at once. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  static Duration retryAfter(String header) {
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }

  @FunctionalInterface
  private interface SlackCall<T> {
    T run() throws IOException, SlackApiException;
  }
}
