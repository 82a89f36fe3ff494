package dev.deckhand.bot.slack;

import dev.deckhand.commands.chat.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Serialises the posts of one Slack channel and honours Slack's Retry-After for them without
 * waiting: Slack limits {@code chat.postMessage} per channel, so after a 429 no post to that
 * channel leaves before the Retry-After has passed. A post asked for within that window fails at
 * once with {@link RateLimitedException} carrying the time left, and the 429 itself is passed on
 * the same way; the caller schedules the post again (the outbox, the live messages) rather than
 * sleeping on a worker. Posts are not merged like edits: each one is a message the channel must
 * see.
 *
 * <p>Blocks the calling thread only for its own call and for the call in flight to the same
 * channel, if any (one at a time, so that a 429 always comes back before the next post leaves).
 * Thread-safe; fair, so posts leave in the order they were asked.
 */
final class PostGate {
  private final ReentrantLock turn = new ReentrantLock(true);
  private final LongSupplier nanoClock;
  private long notBeforeNanos;

  PostGate() {
    this(System::nanoTime);
  }

  PostGate(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.notBeforeNanos = nanoClock.getAsLong();
  }

  /** Makes the call unless the channel is within a Retry-After; never retries. */
  <T> T call(Supplier<T> call) {
    try {
      turn.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallException("interrupted while waiting to post to Slack");
    }
    try {
      long left = notBeforeNanos - nanoClock.getAsLong();
      if (left > 0) {
        throw new RateLimitedException(
            "Slack asked to wait before posting again", Duration.ofNanos(left));
      }
      try {
        return call.get();
      } catch (RateLimitedException e) {
        notBeforeNanos = nanoClock.getAsLong() + e.retryAfter().toNanos();
        throw e;
      }
    } finally {
      turn.unlock();
    }
  }
}
