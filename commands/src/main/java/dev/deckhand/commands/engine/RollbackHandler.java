package dev.deckhand.commands.engine;

import dev.deckhand.commands.command.Rollback;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /rollback}: {@code rollout undo} to the previous or a given revision, watched to the end.
 * A revision that does not exist, or is the current one, is refused before anything starts.
 */
public final class RollbackHandler implements Handler<Rollback> {
  private final Cluster cluster;
  private final Gate gate;

  RollbackHandler(Cluster cluster, Gate gate) {
    this.cluster = cluster;
    this.gate = gate;
  }

  @Override
  public void handle(Rollback r, Request request) {
    Target target = r.target();
    gate.precheck(
        r.service().name(), r.environment(), "rollback", r.breakGlass(), request, r.dryRun());
    RolloutSnapshot before = cluster.read(target);
    long to = revisionToRestore(r, cluster.history(target));
    String summary = "rollback " + r.service().name() + " to revision " + to;
    boolean approval = gate.needsApproval(r.environment(), "rollback", r.breakGlass());
    List<StepRecord> plan = new ArrayList<>();
    plan.add(
        Plans.done(
            "preflight",
            "read deployment "
                + target.namespace()
                + "/"
                + target.deployment()
                + " in "
                + target.cluster(),
            "revision " + before.revision() + ", running " + ImageRef.parse(before.image()).tag()));
    if (approval) {
      plan.add(Plans.pending("approval", "approval"));
    }
    plan.add(Plans.pending("undo", "roll back to revision " + to));
    plan.add(
        Plans.pending(
            "rollout", "watch the rollout of " + before.status().specReplicas() + " replicas"));
    if (r.dryRun()) {
      request.conversation().answer(Plans.dryRun(summary, r.environment().name(), target, plan));
      return;
    }
    OpParams p =
        new OpParams(
            summary,
            r.service().name(),
            r.environment().name(),
            target,
            "",
            to,
            before.image(),
            before.revision(),
            "",
            r.breakGlass());
    gate.launch(
        "rollback",
        p.withPlan("", p.beforeImage(), p.beforeRevision(), Replanner.hash(p)),
        r.environment(),
        plan,
        approval,
        request);
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
