package dev.deckhand.commands.engine;

import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Cluster;
import java.util.concurrent.CompletableFuture;

/** A {@code /rollback} from its first unfinished step: undo, then watch the rollout. */
final class RollbackExecution implements Execution {
  private final Cluster cluster;
  private final Rollouts rollouts;

  RollbackExecution(Cluster cluster, Rollouts rollouts) {
    this.cluster = cluster;
    this.rollouts = rollouts;
  }

  @Override
  public CompletableFuture<OperationState> resume(OperationRun run, OpParams p) {
    return switch (Execution.firstUnfinished(run)) {
      case "undo" -> undo(run, p);
      case "rollout" -> watch(run, p, cluster.read(p.target()).status().generation());
      default -> CompletableFuture.completedFuture(OperationState.SUCCEEDED);
    };
  }

  @Override
  public String resultImage(OpParams p) {
    return cluster.read(p.target()).image();
  }

  private CompletableFuture<OperationState> undo(OperationRun run, OpParams p) {
    String cause = Execution.changeCause(run, "rolled back to revision " + p.toRevision());
    return rollouts
        .patch(
            run,
            "undo",
            "from revision " + p.beforeRevision(),
            () ->
                p.beforeRevision() != cluster.read(p.target()).revision()
                    ? cluster.read(p.target()).status().generation()
                    : cluster.undo(p.target(), p.toRevision(), cause))
        .thenCompose(gen -> watch(run, p, gen));
  }

  private CompletableFuture<OperationState> watch(OperationRun run, OpParams p, long generation) {
    return rollouts
        .watch(run, "rollout", p.target(), generation)
        .thenApply(
            o ->
                o instanceof RolloutOutcome.Complete
                    ? OperationState.SUCCEEDED
                    : OperationState.FAILED);
  }
}
