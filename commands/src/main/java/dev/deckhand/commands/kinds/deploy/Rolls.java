package dev.deckhand.commands.kinds.deploy;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.engine.Verifier;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The steps a deploy of one service is made of, shared by {@code /deploy} and the services of a
 * release ({@code /deploy-all}): set the image (with the change-cause that names the operation),
 * roll back to a revision, verify health. Each reports on the step it is given, so a kind with
 * several services gives each its own steps. Thread-safe.
 */
public final class Rolls {
  private final Catalog catalog;
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final Verifier verifier;

  public Rolls(Tools tools) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.verifier = tools.verifier();
  }

  /**
   * Sets {@code image} on the target's container as {@code step}; completes with the generation to
   * watch.
   *
   * @param via what the change-cause adds after the tag (" (deploy-all)"), or ""
   */
  public CompletableFuture<Long> setImage(
      OperationRun run, Step step, Target target, String image, String via) {
    String cause =
        "deckhand op "
            + run.id()
            + ": "
            + run.header().actor().displayName()
            + " deployed "
            + ImageRef.parse(image).tag()
            + via;
    return rollouts.patch(
        run, step, ImageRef.parse(image).shortForm(), () -> cluster.setImage(target, image, cause));
  }

  /** Rolls the target back to {@code revision} as {@code step}; completes with the generation. */
  public CompletableFuture<Long> undo(
      OperationRun run, Step step, Target target, long revision, String cause) {
    return rollouts.patch(
        run,
        step,
        "back to revision " + revision,
        () -> cluster.undo(target, revision, "deckhand op " + run.id() + ": " + cause));
  }

  /**
   * Runs the service's health checks in the environment as {@code step}: true when healthy or when
   * none are configured (the step is then skipped).
   */
  public CompletableFuture<Boolean> verify(
      OperationRun run, Step step, String service, String environment) {
    var checks = catalog.service(service).orElseThrow().checks(environment);
    return verify(run, step, checks, checks.isEmpty() ? "no health checks configured" : "");
  }

  /**
   * Runs {@code checks} as {@code step}: true when healthy or when there are none (the step is then
   * skipped with {@code note} as its detail). A non-empty {@code note} also follows the verdict in
   * the step's detail, for what the checks could not cover.
   */
  public CompletableFuture<Boolean> verify(
      OperationRun run, Step step, List<HealthCheck> checks, String note) {
    if (checks.isEmpty()) {
      run.step(step, StepState.SKIPPED, note);
      return CompletableFuture.completedFuture(true);
    }
    String tail = note.isEmpty() ? "" : "; " + note;
    run.step(step, StepState.RUNNING, "");
    return verifier
        .verify(checks)
        .thenApply(
            failures -> {
              if (failures.isEmpty()) {
                run.step(step, StepState.DONE, "healthy" + tail);
                return true;
              }
              run.step(step, StepState.FAILED, String.join("; ", failures) + tail);
              return false;
            });
  }
}
