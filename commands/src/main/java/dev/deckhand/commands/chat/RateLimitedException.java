package dev.deckhand.commands.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link Conversation} when the platform refused a call for exceeding its rate limit.
 * The caller must not repeat the call, nor make any other call of the same budget, before {@link
 * #retryAfter()} has passed. Adapters throw it instead of retrying by themselves, so that the
 * caller can keep merging the states it would have sent.
 */
public final class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(message);
    Objects.requireNonNull(retryAfter, "retryAfter");
    this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
  }

  /** How long to wait before the next call; never negative. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
