package dev.deckhand.commands.kinds.restart;

import dev.deckhand.commands.command.Restart;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.Restarts;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /restart}: what {@code kubectl rollout restart} does — a new {@code restartedAt} time on
 * the pod template — then the rollout watched and streamed like a deploy's, failing fast on pod
 * problems. The time is fixed in the plan, so setting it again after a restart changes nothing;
 * there is nothing to roll back (the image does not change).
 */
public final class RestartKind implements OperationKind<Restart, RestartKind.Params> {
  public static final Step RESTART = Step.of("restart", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  public static final Registration REGISTRATION = new Registration(Restart.SPEC, RestartKind::new);

  /**
   * @param at the {@code restartedAt} time it sets (set again at quorum)
   * @param image the image running when planned (a restart keeps it)
   * @param revision the revision running then
   */
  public record Params(Instant at, String image, long revision) {}

  private final Cluster cluster;
  private final Restarts restarts;
  private final Clock clock;

  public RestartKind(Tools tools) {
    this.cluster = tools.cluster();
    this.restarts = new Restarts(tools);
    this.clock = tools.clock();
  }

  @Override
  public String name() {
    return "restart";
  }

  @Override
  public Class<Restart> command() {
    return Restart.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    return Map.of(
        "restartAt",
        p.at().toString(),
        "image",
        p.image(),
        "revision",
        Long.toString(p.revision()));
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("restart parameters of version " + version);
    }
    return new Params(
        Instant.parse(m.get("restartAt")), m.get("image"), Long.parseLong(m.get("revision")));
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, RESTART, ROLLOUT);
  }

  @Override
  public Proposal<Params> propose(Restart r) {
    RolloutSnapshot before = cluster.read(r.target());
    Deployments.refuseIfPaused(before, r.service().name(), r.environment().name(), "restart");
    int replicas = before.status().specReplicas();
    return Proposal.of(
        "restart " + r.service().name(),
        new Params(now(), before.image(), before.revision()),
        List.of(
            Deployments.preflight(r.target(), before),
            RESTART.pending("restart the pods of " + r.target().deployment()),
            ROLLOUT.pending("roll out " + replicas + (replicas == 1 ? " replica" : " replicas"))));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "restart");
    return new Params(now(), now.image(), now.revision());
  }

  /** What runs before; the time is not part of what an approver approves. */
  @Override
  public String canonical(Params p) {
    return p.image() + "\n" + p.revision();
  }

  @Override
  public String difference(Params before, Params now) {
    return "the deployment changed meanwhile (now revision " + now.revision() + ")";
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    return new Change(plan.params().image(), plan.params().image());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    Params p = plan.params();
    if (from.equals(RESTART)) {
      return restarts.restart(
          run, plan.target(), RESTART, ROLLOUT, p.at(), p.image(), "restarted it");
    }
    if (from.equals(ROLLOUT)) {
      return restarts.reattach(run, plan.target(), ROLLOUT, p.image());
    }
    throw new IllegalArgumentException("a restart does not run from " + from.name());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
