package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import java.util.concurrent.CompletableFuture;

/**
 * A deploy from its first unfinished step: set the pinned image, watch the rollout, verify, and on
 * failure roll back to the revision read when it was planned. Each step is safe to run again after
 * a restart: setting the same image is idempotent, a rollout is watched from the deployment's
 * current generation, a rollback already applied is not applied twice.
 */
final class DeployExecution implements Execution {
  private final Catalog catalog;
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final Verifier verifier;

  DeployExecution(Catalog catalog, Cluster cluster, Rollouts rollouts, Verifier verifier) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.rollouts = rollouts;
    this.verifier = verifier;
  }

  @Override
  public CompletableFuture<OperationState> resume(OperationRun run, OpParams p) {
    return switch (Execution.firstUnfinished(run)) {
      case "set-image" -> setImage(run, p).thenCompose(gen -> rollout(run, p, gen));
      case "rollout" ->
          changedMeanwhile(run, p, "rollout", p.image())
              ? failed()
              : rollout(run, p, currentGeneration(p));
      case "verify" -> changedMeanwhile(run, p, "verify", p.image()) ? failed() : verify(run, p);
      case "rollback" -> rollBack(run, p);
      case "rollback-rollout" ->
          changedMeanwhile(run, p, "rollback-rollout", p.beforeImage())
              ? failed()
              : watchRollback(run, p, currentGeneration(p));
      default -> CompletableFuture.completedFuture(endedAs(run));
    };
  }

  /**
   * After a restart, the deployment must still carry the image this step was about; if someone or
   * something changed it meanwhile, watching it would report on another change. The step fails and
   * nothing more is done.
   */
  private boolean changedMeanwhile(OperationRun run, OpParams p, String step, String expected) {
    String now = cluster.read(p.target()).image();
    if (now.equals(expected)) {
      return false;
    }
    run.step(
        step,
        StepState.FAILED,
        "the deployment no longer runs "
            + dev.deckhand.commands.model.ImageRef.parse(expected).shortForm()
            + " (now "
            + dev.deckhand.commands.model.ImageRef.parse(now).shortForm()
            + "); it changed while Deckhand was down, so nothing more was done");
    run.skipPending("the deployment changed while Deckhand was down");
    return true;
  }

  private static CompletableFuture<OperationState> failed() {
    return CompletableFuture.completedFuture(OperationState.FAILED);
  }

  /** Every step ended before a restart: the state the steps show. */
  private static OperationState endedAs(OperationRun run) {
    var steps = run.view().steps();
    boolean rolledBack =
        steps.stream()
            .anyMatch(s -> s.name().equals("rollback-rollout") && s.state() == StepState.DONE);
    boolean failed = steps.stream().anyMatch(s -> s.state() == StepState.FAILED);
    return rolledBack
        ? OperationState.ROLLED_BACK
        : failed ? OperationState.FAILED : OperationState.SUCCEEDED;
  }

  @Override
  public String resultImage(OpParams p) {
    return p.image();
  }

  private CompletableFuture<Long> setImage(OperationRun run, OpParams p) {
    String cause = Execution.changeCause(run, "deployed " + tag(p.image()));
    return rollouts.patch(
        run,
        "set-image",
        dev.deckhand.commands.model.ImageRef.parse(p.image()).shortForm(),
        () -> cluster.setImage(p.target(), p.image(), cause));
  }

  private CompletableFuture<OperationState> rollout(OperationRun run, OpParams p, long generation) {
    return rollouts
        .watch(run, "rollout", p.target(), generation)
        .thenCompose(
            outcome ->
                outcome instanceof RolloutOutcome.Complete ? verify(run, p) : rollBack(run, p));
  }

  private CompletableFuture<OperationState> verify(OperationRun run, OpParams p) {
    var checks = catalog.service(p.service()).orElseThrow().checks(p.environment());
    if (checks.isEmpty()) {
      run.step("verify", StepState.SKIPPED, "no health checks configured");
      return CompletableFuture.completedFuture(OperationState.SUCCEEDED);
    }
    run.step("verify", StepState.RUNNING, "");
    return verifier
        .verify(checks)
        .thenCompose(
            failures -> {
              if (failures.isEmpty()) {
                run.step("verify", StepState.DONE, "healthy");
                return CompletableFuture.completedFuture(OperationState.SUCCEEDED);
              }
              run.step("verify", StepState.FAILED, String.join("; ", failures));
              return rollBack(run, p);
            });
  }

  private CompletableFuture<OperationState> rollBack(OperationRun run, OpParams p) {
    EnvironmentSpec env = catalog.environment(p.environment()).orElseThrow();
    if (!env.autoRollback()) {
      run.skipPending("automatic rollback is off in " + env.name());
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    if (p.beforeImage().equals(cluster.read(p.target()).image())) {
      // Applied before a restart: watch it, never undo twice.
      run.step("rollback", StepState.DONE, "back to revision " + p.beforeRevision());
      return watchRollback(run, p, currentGeneration(p));
    }
    String cause =
        "deckhand op " + run.id() + ": automatic rollback to revision " + p.beforeRevision();
    return rollouts
        .patch(
            run,
            "rollback",
            "back to revision " + p.beforeRevision(),
            () -> cluster.undo(p.target(), p.beforeRevision(), cause))
        .thenCompose(gen -> watchRollback(run, p, gen));
  }

  private CompletableFuture<OperationState> watchRollback(OperationRun run, OpParams p, long gen) {
    return rollouts
        .watch(run, "rollback-rollout", p.target(), gen)
        .thenApply(
            o ->
                o instanceof RolloutOutcome.Complete
                    ? OperationState.ROLLED_BACK
                    : OperationState.FAILED);
  }

  private long currentGeneration(OpParams p) {
    return cluster.read(p.target()).status().generation();
  }

  private static String tag(String image) {
    return dev.deckhand.commands.model.ImageRef.parse(image).tag();
  }
}
