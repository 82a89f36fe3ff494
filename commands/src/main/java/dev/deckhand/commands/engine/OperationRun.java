package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.live.LiveMessage;
import dev.deckhand.commands.live.Outbox;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.OperationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One running operation: its steps, persisted on every change before the chat sees it, and its live
 * message. Thread-safe.
 */
public final class OperationRun {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OperationRun.class);

  private final OperationStore store;
  private final long id;
  private final String kind;
  private final Header header;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final List<StepRecord> steps;
  private final Object decisions = new Object();
  private volatile LiveMessage live;
  private OperationState state;
  private Progress progress;
  private List<String> notes = List.of();
  private volatile dev.deckhand.commands.model.Actor stopBy;

  /**
   * Someone asked to stop this running operation ({@code /cancel}); a {@link
   * dev.deckhand.commands.kind.OperationKind#stoppable stoppable} kind ends at its next safe point.
   * Not persisted: after a restart the stop is asked again.
   */
  public void requestStop(dev.deckhand.commands.model.Actor who) {
    stopBy = who;
  }

  /** Who asked to stop it, if anyone did. */
  public java.util.Optional<dev.deckhand.commands.model.Actor> stopRequested() {
    return java.util.Optional.ofNullable(stopBy);
  }

  /** What the live message's header says. */
  public record Header(String summary, Actor actor, String environment, String target) {}

  OperationRun(
      OperationStore store,
      long id,
      String kind,
      Header header,
      List<StepRecord> steps,
      OperationState state,
      Duration alreadyElapsed,
      LongSupplier nanoClock) {
    this.store = store;
    this.id = id;
    this.kind = kind;
    this.header = header;
    this.steps = new ArrayList<>(steps);
    this.state = state;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong() - alreadyElapsed.toNanos();
  }

  public Header header() {
    return header;
  }

  /**
   * Stores the state and every step. A store that fails here does not stop the operation half-way:
   * every write carries all the steps, so the next one (or the ending's transaction) catches up,
   * and a crash before that resumes from the last stored steps, which the resume rules handle.
   */
  private void persist(OperationState stored, List<StepRecord> steps) {
    try {
      store.update(id, stored, steps);
    } catch (RuntimeException e) {
      log.warn(
          "op {}: its steps could not be stored now ({}); the next write stores them",
          id,
          e.toString());
    }
  }

  /**
   * The lock its start and its approval decisions take, one at a time (a vote waits while the
   * request is being opened; two last votes do not both decide). Apart from the run's own monitor,
   * which the informer threads' progress updates take and must never wait long for.
   */
  Object decisions() {
    return decisions;
  }

  /** The name of its kind ({@code deploy}). */
  public String kind() {
    return kind;
  }

  /** The live message; null until it is posted. */
  public dev.deckhand.commands.chat.MessageRef messageRef() {
    LiveMessage message = live;
    return message == null ? null : message.ref();
  }

  void attach(LiveMessage message) {
    this.live = message;
  }

  public long id() {
    return id;
  }

  public Duration elapsed() {
    return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
  }

  /** Sets a step's state and detail; persisted, then shown. */
  public void step(Step step, StepState stepState, String detail) {
    List<StepRecord> copy;
    synchronized (this) {
      int i = indexOf(step.name());
      steps.set(i, steps.get(i).with(stepState, detail));
      copy = List.copyOf(steps);
    }
    persist(state, copy);
    live.update(view());
  }

  /**
   * Stops the operation at {@code step}: the step failed and every step still pending is skipped,
   * in one write, so that no resume can take a compensating step after it (the target changed under
   * the operation, or a step that must not be repeated was interrupted).
   */
  public void stop(Step step, String detail) {
    List<StepRecord> copy;
    synchronized (this) {
      int i = indexOf(step.name());
      steps.set(i, steps.get(i).with(StepState.FAILED, detail));
      steps.replaceAll(
          s -> s.state() == StepState.PENDING ? s.with(StepState.SKIPPED, "stopped") : s);
      copy = List.copyOf(steps);
    }
    persist(state, copy);
    live.update(view());
  }

  /**
   * An unexpected error ended the operation: every running step failed with {@code detail} and
   * every pending one is skipped, in one write. As with {@link #stop}, no resume compensates for an
   * error no step reported.
   */
  void failRunning(String detail) {
    List<StepRecord> copy;
    synchronized (this) {
      steps.replaceAll(
          s ->
              s.state() == StepState.RUNNING
                  ? s.with(StepState.FAILED, detail)
                  : s.state() == StepState.PENDING ? s.with(StepState.SKIPPED, "stopped") : s);
      copy = List.copyOf(steps);
    }
    persist(state, copy);
    live.update(view());
  }

  /** Marks every step still pending as skipped (the plan ended early or did not need them). */
  public void skipPending(String detail) {
    synchronized (this) {
      steps.replaceAll(s -> s.state() == StepState.PENDING ? s.with(StepState.SKIPPED, detail) : s);
    }
  }

  /** The quorum was reached: the approval step is done and the operation runs, in one write. */
  void approved(String detail) {
    List<StepRecord> copy;
    synchronized (this) {
      int i = indexOf(Step.APPROVAL.name());
      steps.set(i, steps.get(i).with(StepState.DONE, detail));
      state = OperationState.RUNNING;
      notes = List.of(detail);
      copy = List.copyOf(steps);
    }
    persist(OperationState.RUNNING, copy);
    live.update(view());
  }

  /** Replaces the lines shown under the header (approval state, break-glass) and shows them. */
  public void notes(List<String> lines) {
    synchronized (this) {
      notes = List.copyOf(lines);
    }
    live.update(view());
  }

  /** Shows rollout counts; not persisted (the cluster has them). */
  public void progress(Progress newProgress) {
    synchronized (this) {
      progress = newProgress;
    }
    live.update(view());
  }

  /**
   * Posts a detail (a pod failure, a log tail) under the live message, through the outbox: never
   * blocks, waits out rate limits without holding a thread, and is never dropped for room.
   */
  public void detail(Reply reply) {
    live.postUnder(reply, Outbox.Kind.ESSENTIAL);
  }

  /**
   * Posts a reply meant for one person (why a vote was ignored) under the live message, through the
   * outbox: never blocks, and is the first to be dropped when the outbox is full.
   */
  public void reply(Reply reply) {
    live.postUnder(reply, Outbox.Kind.REPLY);
  }

  /**
   * Posts an announcement about the operation (a break-glass) in its channel, beside the live
   * message, through the outbox: never blocks, never dropped for room.
   */
  public void announce(Reply reply) {
    live.postBeside(reply, Outbox.Kind.ESSENTIAL);
  }

  /**
   * Ends the operation: {@code ending} stores the final state with the steps as they are now (in
   * the one transaction that also writes the timeline, the audit row and the lock); then the final
   * state is delivered to the live message.
   */
  CompletableFuture<Void> end(
      OperationState finalState, java.util.function.Consumer<List<StepRecord>> ending) {
    List<StepRecord> copy;
    synchronized (this) {
      copy = List.copyOf(steps);
    }
    ending.accept(copy);
    synchronized (this) {
      state = finalState;
    }
    return live.finish(view());
  }

  public synchronized OperationState state() {
    return state;
  }

  public synchronized Reply.Operation view() {
    return new Reply.Operation(
        id,
        header.summary(),
        header.actor(),
        header.environment(),
        header.target(),
        state,
        steps,
        progress,
        elapsed(),
        false,
        notes);
  }

  private int indexOf(String name) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("op " + id + " has no step " + name);
  }
}
