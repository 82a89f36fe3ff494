package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.EditBudget;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue through which every live message sharing an {@link EditBudget} (a Slack workspace,
 * a Discord channel) sends its edits. One edit is in flight at a time, so a 429 always comes back
 * before the next edit leaves and the budget's pause holds for every message, not only the one
 * refused. Messages carrying their final state go first; the others take turns in the order they
 * became ready, so that one busy rollout cannot starve the rest.
 *
 * <p>A message is queued at most once (its own {@code busy} flag guarantees it), so the queue never
 * holds more than one edit per message. Thread-safe; nothing here blocks.
 */
final class EditLane {
  private static final Logger log = LoggerFactory.getLogger(EditLane.class);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final EditBudget budget;
  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final ArrayDeque<LiveMessage> finals = new ArrayDeque<>();
  private final ArrayDeque<LiveMessage> others = new ArrayDeque<>();
  private boolean inFlight;
  private boolean timerSet;

  EditLane(EditBudget budget, ScheduledExecutorService scheduler, Executor io) {
    this.budget = budget;
    this.scheduler = scheduler;
    this.io = io;
  }

  /** Queues a message whose own spacing allows an edit now; it is sent when its turn comes. */
  void ready(LiveMessage message, boolean isFinal) {
    synchronized (this) {
      (isFinal ? finals : others).addLast(message);
      pumpLocked();
    }
  }

  /** How many messages wait for their turn (not counting the one in flight). */
  synchronized int waiting() {
    return finals.size() + others.size();
  }

  private void pumpLocked() {
    if (inFlight || timerSet || (finals.isEmpty() && others.isEmpty())) {
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
    LiveMessage next;
    synchronized (this) {
      long wait = budget.tryAcquire();
      if (wait > 0) {
        inFlight = false;
        retryLater(wait);
        return;
      }
      next = finals.isEmpty() ? others.pollFirst() : finals.pollFirst();
    }
    try {
      next.transmit();
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
