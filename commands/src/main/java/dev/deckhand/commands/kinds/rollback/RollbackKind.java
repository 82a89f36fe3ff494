package dev.deckhand.commands.kinds.rollback;

import dev.deckhand.commands.command.Rollback;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /rollback}: {@code rollout undo} to the previous or a given revision, watched to the end.
 * A revision that does not exist, or is the current one, is refused before anything starts. The
 * undo is repeatable: once the deployment left the revision it started from, it is not applied
 * again.
 */
public final class RollbackKind implements OperationKind<Rollback, RollbackParams> {
  public static final Step UNDO = Step.of("undo", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  public static final Registration REGISTRATION =
      new Registration(Rollback.SPEC, RollbackKind::new);

  private final Cluster cluster;
  private final Rollouts rollouts;

  public RollbackKind(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  @Override
  public String name() {
    return "rollback";
  }

  @Override
  public Class<Rollback> command() {
    return Rollback.class;
  }

  @Override
  public Map<String, String> write(RollbackParams p) {
    return p.write();
  }

  @Override
  public RollbackParams read(int version, Map<String, String> fields) {
    return RollbackParams.read(version, fields);
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, UNDO, ROLLOUT);
  }

  @Override
  public Proposal<RollbackParams> propose(Rollback r) {
    Target target = r.target();
    RolloutSnapshot before = cluster.read(target);
    Deployments.refuseIfPaused(before, r.service().name(), r.environment().name(), "rollback");
    List<Revision> history = cluster.history(target);
    long to = revisionToRestore(r, history);
    String toImage =
        history.stream().filter(h -> h.number() == to).map(Revision::image).findFirst().orElse("");
    return Proposal.of(
        "rollback " + r.service().name() + " to revision " + to,
        new RollbackParams(to, toImage, before.image(), before.revision()),
        List.of(
            Deployments.preflight(target, before),
            UNDO.pending("roll back to revision " + to),
            ROLLOUT.pending(
                "watch the rollout of " + before.status().specReplicas() + " replicas")));
  }

  @Override
  public RollbackParams replan(Plan<RollbackParams> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "rollback");
    RollbackParams p = planned.params();
    return new RollbackParams(p.toRevision(), p.toImage(), now.image(), now.revision());
  }

  /** As before kinds existed: no image, the revision, what ran before. */
  @Override
  public String canonical(RollbackParams p) {
    return String.join(
        "\n",
        "",
        Long.toString(p.toRevision()),
        p.beforeImage(),
        Long.toString(p.beforeRevision()));
  }

  @Override
  public String difference(RollbackParams before, RollbackParams now) {
    return "the deployment changed meanwhile (now revision " + now.beforeRevision() + ")";
  }

  @Override
  public Change change(Plan<RollbackParams> plan, OperationState end) {
    RollbackParams p = plan.params();
    return new Change(
        p.beforeImage(),
        end == OperationState.SUCCEEDED && !p.toImage().isEmpty() ? p.toImage() : p.beforeImage());
  }

  /** A rollback that succeeded put an older version back. */
  @Override
  public boolean restoresOlder(OperationState end) {
    return end == OperationState.SUCCEEDED || end == OperationState.ROLLED_BACK;
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<RollbackParams> plan, Step from) {
    RollbackParams p = plan.params();
    if (from.equals(UNDO)) {
      String cause =
          "deckhand op "
              + run.id()
              + ": "
              + run.header().actor().displayName()
              + " rolled back to revision "
              + p.toRevision();
      return rollouts
          .patch(
              run,
              UNDO,
              "from revision " + p.beforeRevision(),
              () ->
                  p.beforeRevision() != cluster.read(plan.target()).revision()
                      ? Deployments.generation(cluster, plan.target())
                      : cluster.undo(plan.target(), p.toRevision(), cause))
          .thenCompose(gen -> watch(run, plan, gen));
    }
    if (from.equals(ROLLOUT)) {
      return watch(run, plan, Deployments.generation(cluster, plan.target()));
    }
    throw new IllegalArgumentException("a rollback does not run from " + from.name());
  }

  private CompletableFuture<OperationState> watch(
      OperationRun run, Plan<RollbackParams> plan, long generation) {
    return rollouts.watchToEnd(run, ROLLOUT, plan.target(), generation);
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
