package dev.deckhand.commands.engine;

import dev.deckhand.commands.command.Rollback;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /rollback}: {@code rollout undo} to the previous or a given revision, watched to the end.
 * A revision that does not exist, or is the current one, is refused before anything starts.
 */
public final class RollbackHandler implements Handler<Rollback> {
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final OperationRuns runs;
  private final Recorder recorder;
  private final ProtectedGuard guard;
  private final TargetLocks locks;

  public RollbackHandler(
      Cluster cluster,
      Rollouts rollouts,
      OperationRuns runs,
      Recorder recorder,
      ProtectedGuard guard,
      TargetLocks locks) {
    this.cluster = cluster;
    this.rollouts = rollouts;
    this.runs = runs;
    this.recorder = recorder;
    this.guard = guard;
    this.locks = locks;
  }

  @Override
  public void handle(Rollback r, Request request) {
    if (!r.dryRun()) {
      guard.check(r.environment(), "rollback");
    }
    try (TargetLocks.Claim claim =
        r.dryRun()
            ? null
            : locks.claim(
                r.target(),
                request.actor(),
                "a rollback",
                r.service().name(),
                r.environment().name())) {
      run(r, request, claim);
    }
  }

  private void run(Rollback r, Request request, TargetLocks.Claim claim) {
    Target target = r.target();
    RolloutSnapshot before = cluster.read(target);
    long to = revisionToRestore(r, cluster.history(target));
    String summary = "rollback " + r.service().name() + " to revision " + to;
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
            Plans.pending("undo", "roll back to revision " + to),
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
            plan,
            claim);
    String cause = OperationRuns.changeCause(run, request, "rolled back to revision " + to);
    AtomicReference<String> after = new AtomicReference<>("");
    CompletableFuture<OperationState> flow =
        rollouts
            .patch(
                run,
                "undo",
                "from revision " + before.revision(),
                () -> {
                  long gen = cluster.undo(target, to, cause);
                  after.set(cluster.read(target).image());
                  return gen;
                })
            .thenCompose(gen -> rollouts.watch(run, "rollout", target, gen))
            .thenApply(
                o ->
                    o instanceof RolloutOutcome.Complete
                        ? OperationState.SUCCEEDED
                        : OperationState.FAILED);
    CompletableFuture<Void> done =
        recorder.finish(run, flow, r.service().name(), before.image(), after::get);
    runs.track(done, claim);
  }

  /** The revision to go back to: the one asked for, or the newest before the current one. */
  private static long revisionToRestore(Rollback r, List<Revision> history) {
    long current =
        history.stream()
            .filter(Revision::current)
            .mapToLong(Revision::number)
            .findFirst()
            .orElse(0);
    List<Long> others =
        history.stream().map(Revision::number).filter(n -> n != current).sorted().toList();
    String hint =
        others.isEmpty()
            ? "there is nothing to roll back to"
            : "revisions you can roll back to: "
                + String.join(", ", others.stream().map(String::valueOf).toList())
                + " (see /history "
                + r.service().name()
                + ")";
    if (r.toRevision() == 0) {
      return others.stream()
          .filter(n -> n < current)
          .reduce((a, b) -> b)
          .orElseThrow(
              () ->
                  new UsageException(
                      r.service().name()
                          + " in "
                          + r.environment().name()
                          + " has no earlier revision",
                      hint));
    }
    if (r.toRevision() == current) {
      throw new UsageException("revision " + current + " is the one running now", hint);
    }
    if (!others.contains(r.toRevision())) {
      throw new UsageException(
          r.service().name()
              + " in "
              + r.environment().name()
              + " has no revision "
              + r.toRevision(),
          hint);
    }
    return r.toRevision();
  }
}
