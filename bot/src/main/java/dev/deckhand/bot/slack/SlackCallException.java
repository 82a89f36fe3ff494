package dev.deckhand.bot.slack;

/**
 * A Slack Web API call that failed for a reason other than its rate limit. The message names the
 * method and Slack's error code (e.g. {@code channel_not_found}) and never a token, so it may be
 * logged and shown.
 */
public final class SlackCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SlackCallException(String message) {
    super(message);
  }
}
