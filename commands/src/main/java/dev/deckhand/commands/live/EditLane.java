package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.EditBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue through which every live message sharing an {@link EditBudget} (a Slack workspace,
 * a Discord channel) sends its edits. One edit is in flight at a time, so a 429 always comes back
 * before the next edit leaves and the budget's pause holds for every message, not only the one
 * refused. A channel's board goes first (one edit of it shows every operation of the channel, ADR
 * 0008), then messages carrying their final state, then the others in the order they became ready,
 * so that one busy rollout cannot starve the rest. While a message is shown on its channel's open
 * board, it waits for the board to close, leaving the budget to the board, which shows its states;
 * a final state waits at most its patience ({@link #FINAL_PATIENCE}), and then takes every other
 * turn from busy boards. A message people act on (an approval request, and its outcome) never waits
 * for a board: it goes first, before the boards (ADR 0008, amendment of 2026-11-29).
 *
 * <p>A message is queued at most once (its own {@code busy} flag guarantees it), so the queue never
 * holds more than one edit per message. Thread-safe; nothing here blocks.
 */
final class EditLane {
  private static final Logger log = LoggerFactory.getLogger(EditLane.class);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * How long a final state waits on its board, or behind boards, before it takes every other turn.
   */
  static final Duration FINAL_PATIENCE = Duration.ofSeconds(30);

  /**
   * A message waiting for its turn.
   *
   * @param send makes the edit (blocking)
   * @param isFinal whether it carries its final state now (it may become final while it waits)
   * @param onBoard whether its channel's board shows it now, so that its intermediate states can
   *     wait until the board closes
   * @param actedOn whether people act on what it shows now (an approval request, or its outcome),
   *     so that it goes first, never behind a board
   */
  record Entry(
      Runnable send, BooleanSupplier isFinal, BooleanSupplier onBoard, BooleanSupplier actedOn) {
    /** A message nobody acts on. */
    Entry(Runnable send, BooleanSupplier isFinal, BooleanSupplier onBoard) {
      this(send, isFinal, onBoard, () -> false);
    }
  }

  private record Waiting(Entry entry, long sinceNanos) {}

  private final EditBudget budget;
  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final LongSupplier nanoClock;
  private final Duration patience;
  private final ArrayDeque<Runnable> boards = new ArrayDeque<>();
  private final List<Waiting> messages = new ArrayList<>();
  private boolean inFlight;
  private boolean timerSet;
  private boolean patienceTimerSet;
  private boolean lastWasBoard;

  /**
   * @param patience how long a final state waits while a board shows it, or behind busy boards,
   *     before it takes every other turn ({@link #FINAL_PATIENCE} outside tests)
   */
  EditLane(
      EditBudget budget,
      ScheduledExecutorService scheduler,
      Executor io,
      LongSupplier nanoClock,
      Duration patience) {
    this.budget = budget;
    this.scheduler = scheduler;
    this.io = io;
    this.nanoClock = nanoClock;
    this.patience = patience;
  }

  /** Queues a board whose own spacing allows an edit now; {@code send} makes it (blocking). */
  void readyBoard(Runnable send) {
    synchronized (this) {
      boards.addLast(send);
      pumpLocked();
    }
  }

  /** Queues a message whose own spacing allows an edit now; it is sent when its turn comes. */
  void ready(Entry entry) {
    synchronized (this) {
      messages.add(new Waiting(entry, nanoClock.getAsLong()));
      pumpLocked();
    }
  }

  /**
   * Something other than a new edit may have made a waiting message eligible (a board closed): the
   * lane looks again.
   */
  void wake() {
    synchronized (this) {
      pumpLocked();
    }
  }

  /** How many messages wait for their turn (not counting the one in flight). */
  synchronized int waiting() {
    return boards.size() + messages.size();
  }

  /**
   * The index of the message to send next, -1 when none may go now: the first message people act
   * on, else the first final state that is not shown on an open board or has waited its patience,
   * else the first message not shown on an open board. While a board shows a message, the board
   * carries its states, final ones included.
   */
  private int nextMessageLocked() {
    int actedOn = firstActedOnLocked();
    if (actedOn >= 0) {
      return actedOn;
    }
    int firstOffBoard = -1;
    long now = nanoClock.getAsLong();
    for (int i = 0; i < messages.size(); i++) {
      Waiting w = messages.get(i);
      boolean onBoard = w.entry().onBoard().getAsBoolean();
      if (w.entry().isFinal().getAsBoolean() && (!onBoard || overdue(w, now))) {
        return i;
      }
      if (firstOffBoard < 0 && !onBoard) {
        firstOffBoard = i;
      }
    }
    return firstOffBoard;
  }

  private int firstActedOnLocked() {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).entry().actedOn().getAsBoolean()) {
        return i;
      }
    }
    return -1;
  }

  private boolean overdue(Waiting w, long now) {
    return now - w.sinceNanos() >= patience.toNanos();
  }

  private boolean eligibleLocked() {
    return !boards.isEmpty() || nextMessageLocked() >= 0;
  }

  /**
   * A message people act on first; then boards, unless a final has waited past its patience and a
   * board had the last turn.
   */
  private Runnable nextLocked() {
    int message = nextMessageLocked();
    boolean actedOn = message >= 0 && messages.get(message).entry().actedOn().getAsBoolean();
    boolean finalIsDue =
        message >= 0
            && lastWasBoard
            && messages.get(message).entry().isFinal().getAsBoolean()
            && overdue(messages.get(message), nanoClock.getAsLong());
    if (!boards.isEmpty() && !finalIsDue && !actedOn) {
      lastWasBoard = true;
      return boards.pollFirst();
    }
    lastWasBoard = false;
    if (message < 0) {
      // What was eligible a moment ago is shown on a board now (a board opened on another thread
      // between the two looks): nothing is sent, and the turn's end looks again.
      return () -> {};
    }
    return messages.remove(message).entry().send();
  }

  /**
   * When nothing may go now but a final state held back by its board will run out of patience, the
   * lane looks again then (a board edit or {@link #wake()} may come first).
   */
  private void watchPatienceLocked() {
    if (patienceTimerSet) {
      return;
    }
    long now = nanoClock.getAsLong();
    long soonest = Long.MAX_VALUE;
    for (Waiting w : messages) {
      if (w.entry().isFinal().getAsBoolean()) {
        soonest = Math.min(soonest, Math.max(1, w.sinceNanos() + patience.toNanos() - now));
      }
    }
    if (soonest == Long.MAX_VALUE) {
      return;
    }
    try {
      scheduler.schedule(
          () -> {
            synchronized (this) {
              patienceTimerSet = false;
              pumpLocked();
            }
          },
          soonest,
          TimeUnit.NANOSECONDS);
      patienceTimerSet = true;
    } catch (RejectedExecutionException e) {
      log.warn("{} live-message edits dropped: the bot is shutting down", waiting());
    }
  }

  private void pumpLocked() {
    if (inFlight || timerSet) {
      return;
    }
    if (!eligibleLocked()) {
      watchPatienceLocked();
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
      if (!eligibleLocked()) {
        inFlight = false; // what waits is shown on a board; a new edit or wake() looks again
        watchPatienceLocked();
        return;
      }
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
