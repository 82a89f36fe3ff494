package dev.deckhand.bot.slack;

import dev.deckhand.commands.chat.RateLimitedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the posts of one Slack channel and honours Slack's Retry-After for them: Slack limits
 * {@code chat.postMessage} per channel, so after a 429 no post to that channel leaves before the
 * Retry-After has passed, and the refused post is made again then, up to {@link #MAX_ATTEMPTS}
 * times. Posts are not merged like edits: each one is a message the channel must see.
 *
 * <p>Blocks the calling thread (a bot worker, never a platform event thread) for as long as Slack
 * asks. Thread-safe; fair, so posts leave in the order they were asked.
 */
final class PostGate {
  /** Attempts of one post before its 429 is passed on to the caller. */
  static final int MAX_ATTEMPTS = 5;

  private final ReentrantLock turn = new ReentrantLock(true);
  private long notBeforeNanos = System.nanoTime();

  /** Makes the call when the channel may be posted to, again after each 429. */
  <T> T call(Supplier<T> call) {
    try {
      turn.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallException("interrupted while waiting to post to Slack");
    }
    try {
      for (int attempt = 1; ; attempt++) {
        waitUntilAllowed();
        try {
          return call.get();
        } catch (RateLimitedException e) {
          notBeforeNanos = System.nanoTime() + e.retryAfter().toNanos();
          if (attempt == MAX_ATTEMPTS) {
            throw e;
          }
        }
      }
    } finally {
      turn.unlock();
    }
  }

  private void waitUntilAllowed() {
    long wait = notBeforeNanos - System.nanoTime();
    if (wait <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallException("interrupted while Slack asked to wait before posting");
    }
  }
}
