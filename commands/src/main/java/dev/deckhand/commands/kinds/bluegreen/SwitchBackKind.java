package dev.deckhand.commands.kinds.bluegreen;

import dev.deckhand.commands.command.BlueGreenDeploy;
import dev.deckhand.commands.command.SwitchBack;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /switch-back}: the Service's selector back to the colour a blue-green deploy left holding
 * its pods; one merge patch, so the traffic is back as soon as the Service's endpoints follow.
 * Setting the same colour again changes nothing, so the step repeats on a resume.
 */
public final class SwitchBackKind implements OperationKind<SwitchBack, SwitchBackKind.Params> {
  public static final Step SWITCH = Step.of("switch-back", Step.Resume.REPEAT);

  public static final Registration REGISTRATION =
      new Registration(SwitchBack.SPEC, SwitchBackKind::new);

  /**
   * @param service the Kubernetes Service
   * @param from the colour with the traffic when planned
   * @param to the colour it goes back to ({@link Colours#ORIGINAL}: the catalog's own deployment)
   * @param fromImage what {@code from} runs
   * @param toImage what {@code to} runs
   */
  public record Params(String service, String from, String to, String fromImage, String toImage) {}

  private final Cluster cluster;
  private final Rollouts rollouts;

  public SwitchBackKind(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  @Override
  public String name() {
    return "switch-back";
  }

  @Override
  public Class<SwitchBack> command() {
    return SwitchBack.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    return Map.of(
        "kubeService", p.service(),
        "from", p.from(),
        "to", p.to(),
        "beforeImage", p.fromImage(),
        "image", p.toImage());
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("switch-back parameters of version " + version);
    }
    return new Params(
        m.get("kubeService"), m.get("from"), m.get("to"), m.get("beforeImage"), m.get("image"));
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, SWITCH);
  }

  @Override
  public Proposal<Params> propose(SwitchBack c) {
    Target t = c.target();
    Params p = plan(t, BlueGreenDeploy.spec(c.service()).service(), c.service().name(), c);
    return Proposal.of(
        "switch-back " + c.service().name(),
        p,
        List.of(
            Deployments.PREFLIGHT.done(
                "read Service " + p.service() + " in " + t.cluster(),
                "traffic on "
                    + Colours.name(t, p.from())
                    + " ("
                    + ImageRef.parse(p.fromImage()).tag()
                    + "), "
                    + Colours.name(t, p.to())
                    + " still runs "
                    + ImageRef.parse(p.toImage()).tag()),
            SWITCH.pending(
                "switch Service " + p.service() + " back to " + Colours.name(t, p.to()))));
  }

  private Params plan(Target t, String service, String name, SwitchBack c) {
    String env = c == null ? "" : c.environment().name();
    String live = Colours.live(cluster.serviceSelector(t, service));
    List<Colours.Held> held = Colours.held(cluster, t, live);
    if (live.equals(Colours.ORIGINAL) || held.isEmpty()) {
      throw new UsageException(
          "nothing to switch back to: "
              + (live.equals(Colours.ORIGINAL)
                  ? "Service "
                      + service
                      + " sends the traffic to "
                      + Colours.name(t, live)
                      + ", the first colour"
                  : "no other colour of " + name + " keeps pods (after /finish)"),
          "/deploy "
              + name
              + " <tag> --strategy blue-green"
              + (env.isEmpty() ? "" : " --env " + env));
    }
    Colours.Held back = held.get(0);
    return new Params(
        service,
        live,
        back.colour(),
        cluster.read(Colours.of(t, live)).image(),
        back.snapshot().image());
  }

  @Override
  public Params replan(Plan<Params> planned) {
    return plan(planned.target(), planned.params().service(), planned.service(), null);
  }

  @Override
  public String canonical(Params p) {
    return String.join("\n", p.service(), p.from(), p.to(), p.fromImage(), p.toImage());
  }

  @Override
  public String difference(Params before, Params now) {
    return "the colours changed meanwhile (now on "
        + (now.from().isEmpty() ? "blue" : now.from())
        + ")";
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    return new Change(plan.params().fromImage(), plan.params().toImage());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(SWITCH)) {
      throw new IllegalArgumentException("a switch-back does not run from " + from.name());
    }
    Params p = plan.params();
    Target t = plan.target();
    String now = Colours.live(cluster.serviceSelector(t, p.service()));
    if (!now.equals(p.from()) && !now.equals(p.to())) {
      run.stop(
          SWITCH,
          "Service "
              + p.service()
              + " now sends the traffic to "
              + Colours.name(t, now)
              + "; nothing was changed");
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    return rollouts
        .patch(
            run,
            SWITCH,
            "traffic on " + Colours.name(t, p.to()),
            () -> {
              cluster.setServiceSelector(
                  t, p.service(), Colours.KEY, p.to().isEmpty() ? null : p.to());
              return 0L;
            })
        .thenApply(ignored -> OperationState.SUCCEEDED);
  }
}
