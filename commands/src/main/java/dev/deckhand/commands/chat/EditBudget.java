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
  private final int burst;
  private final long burstWindowNanos;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Long> granted;
  private long pausedUntil;
  private boolean paused;

  private EditBudget() {
    this.limit = Integer.MAX_VALUE;
    this.windowNanos = 0;
    this.burst = Integer.MAX_VALUE;
    this.burstWindowNanos = 0;
    this.nanoClock = () -> 0L;
    this.granted = null;
  }

  EditBudget(int limit, Duration window, int burst, LongSupplier nanoClock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("an edit budget needs a limit ≥ 1 and a positive window");
    }
    if (burst < 1 || burst > limit) {
      throw new IllegalArgumentException("an edit budget's burst must be between 1 and its limit");
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.burst = burst;
    this.burstWindowNanos = window.toNanos() / limit * burst;
    this.nanoClock = nanoClock;
    this.granted = new ArrayDeque<>(limit);
  }

  /** At most {@code limit} edits in any rolling {@code window}, all at once if asked. */
  public static EditBudget perWindow(int limit, Duration window) {
    return new EditBudget(limit, window, limit, System::nanoTime);
  }

  /**
   * At most {@code limit} edits in any rolling {@code window}, spread over it: no more than {@code
   * burst} in any {@code window × burst / limit}. Slack: 45 a minute, at most 5 in 6.7 s, so that a
   * crowd of busy rollouts cannot spend the whole minute in its first seconds and leave the final
   * states waiting for the window to roll.
   */
  public static EditBudget smoothed(int limit, Duration window, int burst) {
    return new EditBudget(limit, window, burst, System::nanoTime);
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
      if (granted.size() >= burst) {
        long burstStart = nthNewest(burst);
        if (now - burstStart < burstWindowNanos) {
          return Math.max(1, burstStart + burstWindowNanos - now);
        }
      }
      granted.addLast(now);
      return 0;
    }
  }

  private long nthNewest(int n) {
    var newest = granted.descendingIterator();
    long at = 0;
    for (int i = 0; i < n; i++) {
      at = newest.next();
    }
    return at;
  }

  /**
   * The edit last granted has been answered: it counts from now on, not from when it was granted.
   * The platform counts a call when it arrives, which is between the two, so counting from the
   * answer keeps every window within the limit however long the call took to leave.
   */
  public void answered() {
    if (granted == null) {
      return;
    }
    synchronized (this) {
      if (!granted.isEmpty()) {
        granted.pollLast();
        granted.addLast(nanoClock.getAsLong());
      }
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
