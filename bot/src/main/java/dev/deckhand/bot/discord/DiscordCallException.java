package dev.deckhand.bot.discord;

/**
 * A Discord REST call that failed for a reason other than its rate limit. The message names the
 * call and Discord's error (e.g. {@code 10008 Unknown Message}) and never the token, so it may be
 * logged and shown.
 */
public final class DiscordCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DiscordCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
