package dev.deckhand.commands.kinds.bluegreen;

import dev.deckhand.commands.command.BlueGreenDeploy;
import dev.deckhand.commands.command.Finish;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code /finish}: ends a blue-green deploy's hold by scaling the colours without traffic to zero.
 * Scaled, not deleted: the catalog's own deployment keeps its name, history and dashboards, and the
 * next blue-green deploy replaces the idle copy anyway. Scaling to zero again changes nothing, so
 * the step repeats on a resume; it stops if the traffic moved to one of them meanwhile.
 */
public final class FinishKind implements OperationKind<Finish, FinishKind.Params> {
  public static final Step SCALE_DOWN = Step.of("scale-down", Step.Resume.REPEAT);

  public static final Registration REGISTRATION = new Registration(Finish.SPEC, FinishKind::new);

  /**
   * @param service the Kubernetes Service
   * @param live the colour with the traffic
   * @param colours the colours scaled to zero ({@link Colours#ORIGINAL} written as {@code -})
   * @param image what the live colour runs
   */
  public record Params(String service, String live, List<String> colours, String image) {
    public Params {
      colours = List.copyOf(colours);
    }
  }

  private final Cluster cluster;
  private final Rollouts rollouts;

  public FinishKind(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  @Override
  public String name() {
    return "finish";
  }

  @Override
  public Class<Finish> command() {
    return Finish.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    return Map.of(
        "kubeService",
        p.service(),
        "live",
        p.live(),
        "colours",
        p.colours().stream().map(c -> c.isEmpty() ? "-" : c).collect(Collectors.joining(",")),
        "image",
        p.image());
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("finish parameters of version " + version);
    }
    return new Params(
        m.get("kubeService"),
        m.get("live"),
        Arrays.stream(m.get("colours").split(",")).map(c -> c.equals("-") ? "" : c).toList(),
        m.get("image"));
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, SCALE_DOWN);
  }

  @Override
  public Proposal<Params> propose(Finish c) {
    Target t = c.target();
    Params p = plan(t, BlueGreenDeploy.spec(c.service()).service(), c.service().name());
    String names = names(t, p);
    return Proposal.of(
        "finish " + c.service().name(),
        p,
        List.of(
            Deployments.PREFLIGHT.done(
                "read Service " + p.service() + " in " + t.cluster(),
                "traffic on " + Colours.name(t, p.live()) + ", " + names + " kept"),
            SCALE_DOWN.pending("scale " + names + " to 0 (no /switch-back after this)")));
  }

  private Params plan(Target t, String service, String name) {
    String live = Colours.live(cluster.serviceSelector(t, service));
    List<Colours.Held> held = Colours.held(cluster, t, live);
    if (held.isEmpty()) {
      throw new UsageException(
          "nothing to finish: only " + Colours.name(t, live) + " of " + name + " runs pods",
          "/finish follows a /deploy " + name + " <tag> --strategy blue-green");
    }
    return new Params(
        service,
        live,
        held.stream().map(Colours.Held::colour).toList(),
        cluster.read(Colours.of(t, live)).image());
  }

  private static String names(Target t, Params p) {
    return p.colours().stream().map(c -> Colours.name(t, c)).collect(Collectors.joining(", "));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    return plan(planned.target(), planned.params().service(), planned.service());
  }

  @Override
  public String canonical(Params p) {
    return String.join("\n", p.service(), p.live(), String.join(",", p.colours()), p.image());
  }

  @Override
  public String difference(Params before, Params now) {
    return "the colours changed meanwhile";
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    return new Change(plan.params().image(), plan.params().image());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(SCALE_DOWN)) {
      throw new IllegalArgumentException("a finish does not run from " + from.name());
    }
    Params p = plan.params();
    Target t = plan.target();
    String now = Colours.live(cluster.serviceSelector(t, p.service()));
    if (!now.equals(p.live())) {
      run.stop(
          SCALE_DOWN,
          "Service "
              + p.service()
              + " now sends the traffic to "
              + Colours.name(t, now)
              + "; nothing was scaled down");
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    return rollouts
        .patch(
            run,
            SCALE_DOWN,
            names(t, p) + " at 0 replicas",
            () -> {
              p.colours().forEach(c -> cluster.scale(Colours.of(t, c), 0));
              return 0L;
            })
        .thenApply(ignored -> OperationState.SUCCEEDED);
  }
}
