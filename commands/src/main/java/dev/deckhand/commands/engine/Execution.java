package dev.deckhand.commands.engine;

import dev.deckhand.commands.operation.OperationState;
import java.util.concurrent.CompletableFuture;

/**
 * Carries a planned operation of one kind to its end, from its first unfinished step: right after
 * it was planned or approved, or after a restart. Never holds a thread while it waits.
 */
interface Execution {
  CompletableFuture<OperationState> resume(OperationRun run, OpParams params);

  /** The image the target runs once the operation ended, for the timeline. */
  String resultImage(OpParams params);

  /** The change-cause annotation: who did what, and the op id to look it up by. */
  static String changeCause(OperationRun run, String what) {
    return "deckhand op " + run.id() + ": " + run.header().actor().displayName() + " " + what;
  }

  /** The first step still pending or running, or empty when all are done. */
  static String firstUnfinished(OperationRun run) {
    return run.view().steps().stream()
        .filter(
            s ->
                s.state() == dev.deckhand.commands.operation.StepState.PENDING
                    || s.state() == dev.deckhand.commands.operation.StepState.RUNNING)
        .map(dev.deckhand.commands.operation.StepRecord::name)
        .findFirst()
        .orElse("");
  }
}
