package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.EditBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue through which every live message sharing an {@link EditBudget} (a Slack workspace,
 * a Discord channel) sends its edits. One edit is in flight at a time, so a 429 always comes back
 * before the next edit leaves and the budget's pause holds for every message, not only the one
 * refused. A channel's board goes first (one edit of it shows every operation of the channel, ADR
 * 0008), then messages carrying their final state, then the others in the order they became ready,
 * so that one busy rollout cannot starve the rest. A final state that has waited {@link
 * #FINAL_PATIENCE} behind busy boards takes every other turn from them.
 *
 * <p>A message is queued at most once (its own {@code busy} flag guarantees it), so the queue never
 * holds more than one edit per message. Thread-safe; nothing here blocks.
 */
final class EditLane {
  private static final Logger log = LoggerFactory.getLogger(EditLane.class);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How long a final state waits behind boards before it takes every other turn. */
  static final Duration FINAL_PATIENCE = Duration.ofSeconds(15);

  /** Which queue a ready message joins. */
  enum Turn {
    BOARD,
    FINAL,
    OTHER
  }

  private record Waiting(Runnable send, long sinceNanos) {}

  private final EditBudget budget;
  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Waiting> boards = new ArrayDeque<>();
  private final ArrayDeque<Waiting> finals = new ArrayDeque<>();
  private final ArrayDeque<Waiting> others = new ArrayDeque<>();
  private boolean inFlight;
  private boolean timerSet;
  private boolean lastWasBoard;

  EditLane(
      EditBudget budget, ScheduledExecutorService scheduler, Executor io, LongSupplier nanoClock) {
    this.budget = budget;
    this.scheduler = scheduler;
    this.io = io;
    this.nanoClock = nanoClock;
  }

  /**
   * Queues a message whose own spacing allows an edit now; {@code send} makes the edit (blocking)
   * when its turn comes.
   */
  void ready(Runnable send, Turn turn) {
    synchronized (this) {
      Waiting w = new Waiting(send, nanoClock.getAsLong());
      switch (turn) {
        case BOARD -> boards.addLast(w);
        case FINAL -> finals.addLast(w);
        case OTHER -> others.addLast(w);
      }
      pumpLocked();
    }
  }

  /** How many messages wait for their turn (not counting the one in flight). */
  synchronized int waiting() {
    return boards.size() + finals.size() + others.size();
  }

  private boolean emptyLocked() {
    return boards.isEmpty() && finals.isEmpty() && others.isEmpty();
  }

  /** Boards first, unless a final has waited past its patience and a board had the last turn. */
  private Runnable nextLocked() {
    boolean finalIsDue =
        !finals.isEmpty()
            && lastWasBoard
            && nanoClock.getAsLong() - finals.peekFirst().sinceNanos() >= FINAL_PATIENCE.toNanos();
    if (!boards.isEmpty() && !finalIsDue) {
      lastWasBoard = true;
      return boards.pollFirst().send();
    }
    lastWasBoard = false;
    return (finals.isEmpty() ? others : finals).pollFirst().send();
  }

  private void pumpLocked() {
    if (inFlight || timerSet || emptyLocked()) {
      return;
    }
    inFlight = true;
    try {
      io.execute(this::turn);
    } catch (RejectedExecutionException e) {
      // The executor is full or shutting down: the queue keeps its order and is tried shortly.
      inFlight = false;
      retryLater(RETRY_NANOS);
    }
  }

  /**
   * On the thread that makes the call: the budget is asked right before it, so that time spent
   * waiting for a thread does not count as spacing between two calls.
   */
  private void turn() {
    Runnable next;
    synchronized (this) {
      long wait = budget.tryAcquire();
      if (wait > 0) {
        inFlight = false;
        retryLater(wait);
        return;
      }
      next = nextLocked();
    }
    try {
      next.run();
    } finally {
      budget.answered();
      synchronized (this) {
        inFlight = false;
        pumpLocked();
      }
    }
  }

  private void retryLater(long nanos) {
    try {
      timerSet = true;
      scheduler.schedule(this::timer, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      timerSet = false;
      log.warn("{} live-message edits dropped: the bot is shutting down", waiting());
    }
  }

  private void timer() {
    synchronized (this) {
      timerSet = false;
      pumpLocked();
    }
  }
}
