package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import java.util.List;
import java.util.Optional;

/**
 * Durable operations with their step states. Thread-safe and blocking; every call is its own
 * transaction, so a step's state is on disk before the call returns.
 */
public interface OperationStore {

  /**
   * Creates an operation in the given state with its planned steps and returns its id. {@code
   * params} are what a restarted bot needs to resume it (target, images, revisions), kept as given.
   */
  long create(
      String kind,
      Actor requester,
      String service,
      String environment,
      String commandText,
      OperationState state,
      List<StepRecord> steps,
      String conversation,
      java.util.Map<String, String> params);

  /** Replaces the state and the steps of an operation. */
  void update(long id, OperationState state, List<StepRecord> steps);

  /** Records the id of the operation's live chat message. */
  void attachMessage(long id, String messageId);

  Optional<OperationRecord> find(long id);

  /** Replaces the params (the plan changed before it ran). */
  void updateParams(long id, java.util.Map<String, String> params);

  /** The params the operation was created with, or last updated to. */
  java.util.Map<String, String> params(long id);

  /**
   * Ends an operation in one transaction: its final state and steps, its timeline entry (if any),
   * its {@code result} audit row, and its lock released — or kept as a manual lock when {@code
   * keepLockReason} is set. A crash or failure leaves either all of it or none. Idempotent: an
   * operation already in a final state is left as it is and the call returns false.
   */
  boolean end(long id, Ending ending);

  /**
   * How an operation ends.
   *
   * @param timeline the timeline entry, null for an operation that never ran
   * @param actor whom the audit row names (the requester)
   * @param result the audit row's detail ({@code deploy gateway v1: succeeded})
   * @param keepLockReason null to release the operation's lock; else the reason of the manual lock
   *     it becomes
   * @param otherLocks the services besides {@code service} whose locks (in the same environment)
   *     the operation held (a release): released or kept like {@code service}'s, in the same
   *     transaction
   * @param otherTimeline more timeline entries, one per further service a release changed, written
   *     in the same transaction
   */
  record Ending(
      OperationState state,
      List<StepRecord> steps,
      Timeline.Entry timeline,
      Actor actor,
      String service,
      String environment,
      String result,
      String keepLockReason,
      List<String> otherLocks,
      List<Timeline.Entry> otherTimeline) {
    public Ending {
      java.util.Objects.requireNonNull(state, "state");
      steps = List.copyOf(steps);
      otherLocks = List.copyOf(otherLocks);
      otherTimeline = List.copyOf(otherTimeline);
      if (!state.isFinal()) {
        throw new IllegalArgumentException("an ending needs a final state, not " + state);
      }
    }

    /** The ending of an operation holding one lock, {@code service}'s. */
    public Ending(
        OperationState state,
        List<StepRecord> steps,
        Timeline.Entry timeline,
        Actor actor,
        String service,
        String environment,
        String result,
        String keepLockReason) {
      this(state, steps, timeline, actor, service, environment, result, keepLockReason, List.of());
    }

    /** The ending of an operation holding several locks, with one timeline entry. */
    public Ending(
        OperationState state,
        List<StepRecord> steps,
        Timeline.Entry timeline,
        Actor actor,
        String service,
        String environment,
        String result,
        String keepLockReason,
        List<String> otherLocks) {
      this(
          state,
          steps,
          timeline,
          actor,
          service,
          environment,
          result,
          keepLockReason,
          otherLocks,
          List.of());
    }

    /** Every service whose lock the ending releases or keeps: {@code service} first. */
    public List<String> lockedServices() {
      List<String> all = new java.util.ArrayList<>();
      all.add(service);
      otherLocks.stream().filter(s -> !all.contains(s)).forEach(all::add);
      return List.copyOf(all);
    }
  }

  /** Operations not in a final state (running or pending approval), oldest first. */
  List<OperationRecord> unfinished();
}
