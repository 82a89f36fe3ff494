package dev.deckhand.commands.engine;

import dev.deckhand.commands.command.Rollback;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /rollback}: {@code rollout undo} to the previous or a given revision, watched to the end.
 */
public final class RollbackHandler implements Handler<Rollback> {
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final OperationRuns runs;
  private final Recorder recorder;
  private final ProtectedGuard guard;

  public RollbackHandler(
      Cluster cluster,
      Rollouts rollouts,
      OperationRuns runs,
      Recorder recorder,
      ProtectedGuard guard) {
    this.cluster = cluster;
    this.rollouts = rollouts;
    this.runs = runs;
    this.recorder = recorder;
    this.guard = guard;
  }

  @Override
  public void handle(Rollback r, Request request) {
    if (!r.dryRun()) {
      guard.check(r.environment(), "rollback");
    }
    Target target = r.target();
    RolloutSnapshot before = cluster.read(target);
    String to = r.toRevision() == 0 ? "the previous revision" : "revision " + r.toRevision();
    String summary = "rollback " + r.service().name() + " to " + to;
    List<StepRecord> plan =
        List.of(
            Plans.done(
                "preflight",
                "read deployment "
                    + target.namespace()
                    + "/"
                    + target.deployment()
                    + " in "
                    + target.cluster(),
                "revision "
                    + before.revision()
                    + ", running "
                    + ImageRef.parse(before.image()).tag()),
            Plans.pending("undo", "roll back to " + to),
            Plans.pending(
                "rollout", "watch the rollout of " + before.status().specReplicas() + " replicas"));
    if (r.dryRun()) {
      request.conversation().answer(Plans.dryRun(summary, r.environment().name(), target, plan));
      return;
    }
    OperationRun run =
        runs.start(
            "rollback",
            new OperationRun.Header(
                summary, request.actor(), r.environment().name(), target.toString()),
            r.service().name(),
            request,
            plan);
    String cause =
        "deckhand op " + run.id() + ": " + request.actor().displayName() + " rolled back to " + to;
    AtomicReference<String> after = new AtomicReference<>("");
    CompletableFuture<OperationState> flow =
        rollouts
            .patch(
                run,
                "undo",
                "from revision " + before.revision(),
                () -> {
                  long gen = cluster.undo(target, r.toRevision(), cause);
                  after.set(cluster.read(target).image());
                  return gen;
                })
            .thenCompose(gen -> rollouts.watch(run, "rollout", target, gen))
            .thenApply(
                o ->
                    o instanceof RolloutOutcome.Complete
                        ? OperationState.SUCCEEDED
                        : OperationState.FAILED);
    runs.track(recorder.finish(run, flow, r.service().name(), before.image(), after::get));
  }
}
