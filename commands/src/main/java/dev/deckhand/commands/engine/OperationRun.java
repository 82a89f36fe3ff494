package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
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
  private final OperationStore store;
  private final long id;
  private final Header header;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final List<StepRecord> steps;
  private LiveMessage live;
  private OperationState state;
  private Progress progress;
  private List<String> notes = List.of();

  /** What the live message's header says. */
  public record Header(String summary, Actor actor, String environment, String target) {}

  OperationRun(
      OperationStore store,
      long id,
      Header header,
      List<StepRecord> steps,
      OperationState state,
      Duration alreadyElapsed,
      LongSupplier nanoClock) {
    this.store = store;
    this.id = id;
    this.header = header;
    this.steps = new ArrayList<>(steps);
    this.state = state;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong() - alreadyElapsed.toNanos();
  }

  public Header header() {
    return header;
  }

  /** The live message; null until it is posted. */
  public dev.deckhand.commands.chat.MessageRef messageRef() {
    return live.ref();
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
  public void step(String name, StepState stepState, String detail) {
    List<StepRecord> copy;
    synchronized (this) {
      int i = indexOf(name);
      steps.set(i, steps.get(i).with(stepState, detail));
      copy = List.copyOf(steps);
    }
    store.update(id, state, copy);
    live.update(view());
  }

  /** Marks every step still pending as skipped (the plan ended early or did not need them). */
  public void skipPending(String detail) {
    synchronized (this) {
      steps.replaceAll(s -> s.state() == StepState.PENDING ? s.with(StepState.SKIPPED, detail) : s);
    }
  }

  /** Replaces the lines shown under the header (approval state, break-glass) and shows them. */
  public void notes(List<String> lines) {
    synchronized (this) {
      notes = List.copyOf(lines);
    }
    live.update(view());
  }

  /** Sets the state (e.g. from pending-approval to running), persisted, then shown. */
  public void state(OperationState newState) {
    List<StepRecord> copy;
    synchronized (this) {
      state = newState;
      copy = List.copyOf(steps);
    }
    store.update(id, newState, copy);
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

  /** Ends the operation: persists the final state and delivers it to the live message. */
  public CompletableFuture<Void> end(OperationState finalState) {
    List<StepRecord> copy;
    synchronized (this) {
      state = finalState;
      copy = List.copyOf(steps);
    }
    store.update(id, finalState, copy);
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
