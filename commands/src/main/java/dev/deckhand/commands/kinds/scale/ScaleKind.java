package dev.deckhand.commands.kinds.scale;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Scale;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /scale}: sets {@code spec.replicas} (within the catalog's bounds, checked by the command)
 * and waits until the deployment runs that many available replicas. Scaling to zero takes the
 * service down: destructive, so it needs approval in a protected environment. Setting the same
 * count again changes nothing, so the step is repeatable.
 */
public final class ScaleKind implements OperationKind<Scale, ScaleKind.Params> {
  public static final Step SCALE = Step.of("scale", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  public static final Registration REGISTRATION = new Registration(Scale.SPEC, ScaleKind::new);

  /**
   * @param replicas the count it sets
   * @param before the count when planned
   * @param image the image running then (for the timeline)
   */
  public record Params(int replicas, int before, String image) {}

  private final Cluster cluster;
  private final Rollouts rollouts;

  public ScaleKind(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  @Override
  public String name() {
    return "scale";
  }

  @Override
  public Class<Scale> command() {
    return Scale.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    return Map.of(
        "replicas",
        Integer.toString(p.replicas()),
        "beforeReplicas",
        Integer.toString(p.before()),
        "image",
        p.image());
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("scale parameters of version " + version);
    }
    return new Params(
        Integer.parseInt(m.get("replicas")),
        Integer.parseInt(m.get("beforeReplicas")),
        m.getOrDefault("image", ""));
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, SCALE, ROLLOUT);
  }

  @Override
  public Proposal<Params> propose(Scale s) {
    RolloutSnapshot before = cluster.read(s.target());
    int now = before.status().specReplicas();
    String service = s.service().name();
    if (now == s.replicas()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              service
                  + " in "
                  + s.environment().name()
                  + " already runs "
                  + count(now)
                  + "; nothing to do."));
    }
    return Proposal.of(
        "scale " + service + " to " + s.replicas(),
        new Params(s.replicas(), now, before.image()),
        List.of(
            Deployments.preflight(s.target(), before),
            SCALE.pending(
                "scale from "
                    + now
                    + " to "
                    + count(s.replicas())
                    + (s.replicas() == 0 ? " (takes the service down)" : "")),
            ROLLOUT.pending("wait for " + count(s.replicas()) + " available")));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    return new Params(planned.params().replicas(), now.status().specReplicas(), now.image());
  }

  @Override
  public String canonical(Params p) {
    return p.replicas() + "\n" + p.before();
  }

  @Override
  public String difference(Params before, Params now) {
    return "the deployment now runs " + count(now.before());
  }

  @Override
  public boolean destructive(Params p) {
    return p.replicas() == 0;
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    Params p = plan.params();
    return new Change(
        p.image() + " ×" + p.before(),
        p.image() + " ×" + (end == OperationState.SUCCEEDED ? p.replicas() : p.before()));
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    Params p = plan.params();
    if (from.equals(SCALE)) {
      return rollouts
          .patch(
              run,
              SCALE,
              "spec.replicas = " + p.replicas(),
              () -> cluster.scale(plan.target(), p.replicas()))
          .thenCompose(gen -> watch(run, plan, gen));
    }
    if (from.equals(ROLLOUT)) {
      return watch(run, plan, Deployments.generation(cluster, plan.target()));
    }
    throw new IllegalArgumentException("a scale does not run from " + from.name());
  }

  private CompletableFuture<OperationState> watch(
      OperationRun run, Plan<Params> plan, long generation) {
    return rollouts.watchToEnd(run, ROLLOUT, plan.target(), generation);
  }

  private static String count(int n) {
    return n + (n == 1 ? " replica" : " replicas");
  }
}
