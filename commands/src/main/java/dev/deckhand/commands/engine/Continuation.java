package dev.deckhand.commands.engine;

import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where an operation of any kind carries on, decided from its steps' resume rules and the states
 * stored for them — never from their names:
 *
 * <ul>
 *   <li>with a failure recorded, only compensating steps run (the first unfinished one); with none
 *       left, the operation ends as its steps say;
 *   <li>without one, the first unfinished step that is not compensating runs; with none left, the
 *       operation succeeded and its compensating steps are skipped — a resume never rolls back a
 *       healthy operation;
 *   <li>on a resume, a {@link Step.Resume#ONCE} step found running stops the operation (it may have
 *       happened), and an operation that had changed nothing yet is re-planned first: if its target
 *       changed while Deckhand was down, it stops and says so instead of acting on an old plan.
 * </ul>
 */
final class Continuation {
  private Continuation() {}

  /** Runs a freshly started or approved operation. */
  static <P> CompletableFuture<OperationState> start(Op<P> op) {
    return carryOn(op, false);
  }

  /** Carries on an operation a restart interrupted. */
  static <P> CompletableFuture<OperationState> resume(Op<P> op) {
    return carryOn(op, true);
  }

  /**
   * Never throws: what a kind throws before its first wait (a read of the cluster that fails) ends
   * the operation through the returned future, like any later failure, so that it is recorded and
   * its lock released.
   */
  private static <P> CompletableFuture<OperationState> carryOn(Op<P> op, boolean resumed) {
    try {
      return from(op, resumed);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <P> CompletableFuture<OperationState> from(Op<P> op, boolean resumed) {
    OperationRun run = op.run();
    List<StepRecord> steps = run.view().steps();
    boolean failed = steps.stream().anyMatch(s -> s.state() == StepState.FAILED);
    Optional<StepRecord> next =
        steps.stream()
            .filter(s -> !s.name().equals(Step.APPROVAL.name()))
            .filter(Continuation::unfinished)
            .filter(s -> step(op, s).compensating() == failed)
            .filter(s -> step(op, s).resume() != Step.Resume.PLANNED)
            .findFirst();
    if (next.isEmpty()) {
      return CompletableFuture.completedFuture(endedAs(op, steps, failed));
    }
    Step from = step(op, next.get());
    if (resumed && from.resume() == Step.Resume.ONCE && next.get().state() == StepState.RUNNING) {
      run.stop(
          from,
          "Deckhand stopped while this step ran; it cannot tell whether it happened and does not"
              + " repeat it. Check the target, then run the command again if needed");
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    if (resumed && !failed && nothingChanged(op, steps) && changedMeanwhile(op, from)) {
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    return op.runFrom(from);
  }

  /** Every step ended: succeeded, or after a failure rolled back if every compensation is done. */
  private static <P> OperationState endedAs(Op<P> op, List<StepRecord> steps, boolean failed) {
    if (!failed) {
      return OperationState.SUCCEEDED;
    }
    List<StepRecord> compensations =
        steps.stream().filter(s -> step(op, s).compensating()).toList();
    boolean compensated =
        !compensations.isEmpty()
            && compensations.stream().allMatch(s -> s.state() == StepState.DONE);
    return compensated ? OperationState.ROLLED_BACK : OperationState.FAILED;
  }

  /** No step that changes anything has started: only planned ones are done. */
  private static <P> boolean nothingChanged(Op<P> op, List<StepRecord> steps) {
    return steps.stream()
        .filter(s -> !s.name().equals(Step.APPROVAL.name()))
        .filter(s -> step(op, s).resume() != Step.Resume.PLANNED)
        .allMatch(s -> s.state() == StepState.PENDING);
  }

  /** Re-plans; true (after stopping the operation) if the plan is no longer the one stored. */
  private static <P> boolean changedMeanwhile(Op<P> op, Step from) {
    String why;
    try {
      Plan<P> now = Replanner.refresh(op.kind(), op.plan());
      if (now.hash().equals(op.plan().hash())) {
        return false;
      }
      why = Replanner.difference(op.kind(), op.plan(), now);
    } catch (UsageException e) {
      why = e.problem();
    }
    op.run()
        .stop(
            from,
            "the target changed while Deckhand was down ("
                + why
                + "); nothing was changed. Run the command again for a new plan");
    return true;
  }

  private static boolean unfinished(StepRecord s) {
    return s.state() == StepState.PENDING || s.state() == StepState.RUNNING;
  }

  private static <P> Step step(Op<P> op, StepRecord record) {
    if (record.name().equals(Step.APPROVAL.name())) {
      return Step.APPROVAL;
    }
    return op.kind().steps(op.plan().params()).stream()
        .filter(s -> s.is(record))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    op.kind().name() + " has no step " + record.name() + " (a newer version's?)"));
  }
}
