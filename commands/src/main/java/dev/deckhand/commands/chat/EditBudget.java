package dev.deckhand.commands.chat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * A budget for message edits shared by every live message of one workspace (one bot token): at most
 * {@code limit} edits in any rolling window, and none at all while the platform asked to wait
 * ({@link #pauseFor}). It comes on top of each message's own minimum interval.
 *
 * <p>Slack counts {@code chat.update} per workspace, not per message, so a Slack adapter shares one
 * budget between all its conversations; the console needs none and uses {@link #UNLIMITED}.
 *
 * <p>Thread-safe and non-blocking: callers ask {@link #tryAcquire()} right before an edit and wait
 * (on a scheduler, not a thread) for as long as it says.
 */
public final class EditBudget {

  /** A budget that never says no and ignores pauses. Stateless. */
  public static final EditBudget UNLIMITED = new EditBudget();

  private final int limit;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Long> granted;
  private long pausedUntil;
  private boolean paused;

  private EditBudget() {
    this.limit = Integer.MAX_VALUE;
    this.windowNanos = 0;
    this.nanoClock = () -> 0L;
    this.granted = null;
  }

  EditBudget(int limit, Duration window, LongSupplier nanoClock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("an edit budget needs a limit ≥ 1 and a positive window");
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
    this.granted = new ArrayDeque<>(limit);
  }

  /** At most {@code limit} edits in any rolling {@code window} (Slack: 45 a minute). */
  public static EditBudget perWindow(int limit, Duration window) {
    return new EditBudget(limit, window, System::nanoTime);
  }

  /**
   * Takes one edit from the budget if it can be made now.
   *
   * @return 0 when the edit may be made at once (and is counted), otherwise the nanoseconds to wait
   *     before asking again
   */
  public long tryAcquire() {
    if (granted == null) {
      return 0;
    }
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (paused && now - pausedUntil < 0) {
        return pausedUntil - now;
      }
      paused = false;
      while (!granted.isEmpty() && now - granted.peekFirst() >= windowNanos) {
        granted.pollFirst();
      }
      if (granted.size() >= limit) {
        return Math.max(1, granted.peekFirst() + windowNanos - now);
      }
      granted.addLast(now);
      return 0;
    }
  }

  /**
   * No edit before {@code retryAfter} from now (the platform's Retry-After); pauses only extend.
   */
  public void pauseFor(Duration retryAfter) {
    if (granted == null) {
      return;
    }
    synchronized (this) {
      long until = nanoClock.getAsLong() + retryAfter.toNanos();
      if (!paused || until - pausedUntil > 0) {
        pausedUntil = until;
        paused = true;
      }
    }
  }
}
