package dev.deckhand.commands.kinds;

import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Cluster;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The rolling restart every kind that changes what pods read at start ends with ({@code /restart},
 * {@code /config-update}, {@code /secret-update}): a {@code restartedAt} time fixed in the plan set
 * on the pod template (setting it again changes nothing), then the rollout watched to its end.
 * Stateless and thread-safe.
 */
public final class Restarts {
  private final Cluster cluster;
  private final Rollouts rollouts;

  public Restarts(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  /**
   * Restarts as step {@code restart} and watches as step {@code rollout}; stops instead when the
   * deployment no longer runs {@code image}.
   *
   * @param did what the operation did, for the change-cause ("restarted it")
   */
  public CompletableFuture<OperationState> restart(
      OperationRun run,
      Target target,
      Step restart,
      Step rollout,
      Instant at,
      String image,
      String did) {
    if (Deployments.changedMeanwhile(run, cluster, target, restart, image)) {
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    String cause =
        "deckhand op " + run.id() + ": " + run.header().actor().displayName() + " " + did;
    return rollouts
        .patch(run, restart, "restartedAt " + at, () -> cluster.restart(target, at, cause))
        .thenCompose(gen -> rollouts.watchToEnd(run, rollout, target, gen));
  }

  /** Watches again (a resumed operation) as step {@code rollout}, unless the image changed. */
  public CompletableFuture<OperationState> reattach(
      OperationRun run, Target target, Step rollout, String image) {
    return Deployments.changedMeanwhile(run, cluster, target, rollout, image)
        ? CompletableFuture.completedFuture(OperationState.FAILED)
        : rollouts.watchToEnd(run, rollout, target, Deployments.generation(cluster, target));
  }
}
