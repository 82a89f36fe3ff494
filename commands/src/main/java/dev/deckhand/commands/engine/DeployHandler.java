package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /deploy}: preflight and resolve (nothing changes if either fails), then set the pinned
 * image, watch the rollout, verify health, roll back automatically on failure, record.
 */
public final class DeployHandler implements Handler<Deploy> {
  private final Cluster cluster;
  private final ImageResolver resolver;
  private final Rollouts rollouts;
  private final Verifier verifier;
  private final OperationRuns runs;
  private final Recorder recorder;
  private final ProtectedGuard guard;
  private final TargetLocks locks;

  public DeployHandler(
      Cluster cluster,
      ImageResolver resolver,
      Rollouts rollouts,
      Verifier verifier,
      OperationRuns runs,
      Recorder recorder,
      ProtectedGuard guard,
      TargetLocks locks) {
    this.cluster = cluster;
    this.resolver = resolver;
    this.rollouts = rollouts;
    this.verifier = verifier;
    this.runs = runs;
    this.recorder = recorder;
    this.guard = guard;
    this.locks = locks;
  }

  @Override
  public void handle(Deploy d, Request request) {
    if (!d.dryRun()) {
      guard.check(d.environment(), "deploy");
    }
    Target target = d.target();
    try (TargetLocks.Claim claim =
        d.dryRun()
            ? null
            : locks.claim(
                target, request.actor(), "a deploy", d.service().name(), d.environment().name())) {
      run(d, request, target, claim);
    }
  }

  private void run(Deploy d, Request request, Target target, TargetLocks.Claim claim) {
    RolloutSnapshot before = cluster.read(target);
    ImageRef image = resolver.resolve(d.service(), d.tag());
    if (image.pinned().equals(before.image())) {
      request
          .conversation()
          .answer(
              new Reply.Text(
                  d.service().name()
                      + " in "
                      + d.environment().name()
                      + " already runs "
                      + image.pinned()
                      + "; nothing to do."));
      return;
    }
    String summary = "deploy " + d.service().name() + " " + image.tag();
    List<StepRecord> plan = plan(d, before, image);
    if (d.dryRun()) {
      request.conversation().answer(Plans.dryRun(summary, d.environment().name(), target, plan));
      return;
    }
    OperationRun run =
        runs.start(
            "deploy",
            new OperationRun.Header(
                summary, request.actor(), d.environment().name(), target.toString()),
            d.service().name(),
            request,
            plan,
            claim);
    String cause = OperationRuns.changeCause(run, request, "deployed " + image.tag());
    CompletableFuture<OperationState> flow =
        rollouts
            .patch(
                run,
                "set-image",
                image.shortForm(),
                () -> cluster.setImage(target, image.pinned(), cause))
            .thenCompose(gen -> rollouts.watch(run, "rollout", target, gen))
            .thenCompose(
                outcome ->
                    outcome instanceof RolloutOutcome.Complete
                        ? verify(run, d)
                        : CompletableFuture.completedFuture(false))
            .thenCompose(
                healthy ->
                    healthy
                        ? CompletableFuture.completedFuture(OperationState.SUCCEEDED)
                        : rollBack(run, d, before));
    CompletableFuture<Void> done =
        recorder.finish(run, flow, d.service().name(), before.image(), image::pinned);
    runs.track(done, claim);
  }

  private List<StepRecord> plan(Deploy d, RolloutSnapshot before, ImageRef image) {
    Target t = d.target();
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        Plans.done(
            "preflight",
            "read deployment " + t.namespace() + "/" + t.deployment() + " in " + t.cluster(),
            "revision " + before.revision() + ", running " + ImageRef.parse(before.image()).tag()));
    steps.add(
        Plans.done("resolve", "resolve " + d.tag().text() + " in the registry", image.shortForm()));
    steps.add(Plans.pending("set-image", "set container " + t.container() + " to " + image.tag()));
    steps.add(Plans.pending("rollout", "roll out " + before.status().specReplicas() + " replicas"));
    int checks = d.service().checks(d.environment().name()).size();
    steps.add(
        Plans.pending(
            "verify", "verify health (" + checks + (checks == 1 ? " check)" : " checks)")));
    steps.add(
        Plans.pending(
            "rollback",
            d.environment().autoRollback()
                ? "roll back to revision " + before.revision() + " if anything fails"
                : "no automatic rollback in " + d.environment().name()));
    steps.add(Plans.pending("rollback-rollout", "watch the rollback"));
    return steps;
  }

  private CompletableFuture<Boolean> verify(OperationRun run, Deploy d) {
    var checks = d.service().checks(d.environment().name());
    if (checks.isEmpty()) {
      run.step("verify", StepState.SKIPPED, "no health checks configured");
      return CompletableFuture.completedFuture(true);
    }
    run.step("verify", StepState.RUNNING, "");
    return verifier
        .verify(checks)
        .thenApply(
            failures -> {
              if (failures.isEmpty()) {
                run.step("verify", StepState.DONE, "healthy");
                return true;
              }
              run.step("verify", StepState.FAILED, String.join("; ", failures));
              return false;
            });
  }

  private CompletableFuture<OperationState> rollBack(
      OperationRun run, Deploy d, RolloutSnapshot before) {
    if (!d.environment().autoRollback()) {
      run.skipPending("automatic rollback is off in " + d.environment().name());
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    String cause =
        "deckhand op " + run.id() + ": automatic rollback to revision " + before.revision();
    return rollouts
        .patch(
            run,
            "rollback",
            "back to revision " + before.revision(),
            () -> cluster.undo(d.target(), before.revision(), cause))
        .thenCompose(gen -> rollouts.watch(run, "rollback-rollout", d.target(), gen))
        .thenApply(
            o ->
                o instanceof RolloutOutcome.Complete
                    ? OperationState.ROLLED_BACK
                    : OperationState.FAILED);
  }
}
