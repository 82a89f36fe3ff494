package dev.deckhand.commands.kinds.bluegreen;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.Strategy;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.BlueGreenDeploy;
import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.RolloutOutcome;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.deploy.ImageResolver;
import dev.deckhand.commands.kinds.deploy.Rolls;
import dev.deckhand.commands.kinds.deploy.StrategyAdvice;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A blue-green {@code /deploy}: the new pinned image on the idle colour's deployment (a copy of the
 * live one, see {@link Colours}), all its pods ready, the health checks, then the Service's
 * selector switched to it; the live colour keeps its pods for the hold, so {@code /switch-back} is
 * instant. A failure before the switch deletes the idle colour's deployment: the traffic never left
 * the live colour. Creating the copy again and setting the selector to the same colour again change
 * nothing, so both repeat on a resume; the rollout is watched again; the discard is compensating
 * and leaves a colour that already has the traffic alone.
 */
public final class BlueGreenKind implements OperationKind<BlueGreenDeploy, BlueGreenParams> {
  public static final Step RESOLVE = Step.of("resolve", Step.Resume.PLANNED);
  public static final Step CREATE = Step.of("create-idle", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("idle-rollout", Step.Resume.REATTACH);
  public static final Step VERIFY = Step.of("verify", Step.Resume.REPEAT);
  public static final Step SWITCH = Step.of("switch", Step.Resume.REPEAT);
  public static final Step HOLD = Step.of("hold", Step.Resume.REPEAT);
  public static final Step DISCARD = Step.of("discard-idle", Step.Resume.COMPENSATE);

  /** The {@code /deploy} grammar builds a {@link BlueGreenDeploy} when the strategy says so. */
  public static final Registration REGISTRATION = new Registration(Deploy.SPEC, BlueGreenKind::new);

  private static final List<Step> STEPS =
      List.of(Deployments.PREFLIGHT, RESOLVE, CREATE, ROLLOUT, VERIFY, SWITCH, HOLD, DISCARD);

  private final Cluster cluster;
  private final ImageResolver resolver;
  private final Rollouts rollouts;
  private final Rolls rolls;
  private final java.time.Clock clock;
  private final dev.deckhand.commands.catalog.Catalog catalog;

  public BlueGreenKind(Tools tools) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.resolver = new ImageResolver(tools.registry());
    this.rollouts = tools.rollouts();
    this.rolls = new Rolls(tools);
    this.clock = tools.clock();
  }

  @Override
  public String name() {
    return "blue-green";
  }

  @Override
  public String action() {
    return "deploy";
  }

  @Override
  public Class<BlueGreenDeploy> command() {
    return BlueGreenDeploy.class;
  }

  @Override
  public Map<String, String> write(BlueGreenParams p) {
    return p.write();
  }

  @Override
  public BlueGreenParams read(int version, Map<String, String> fields) {
    return BlueGreenParams.read(version, fields);
  }

  @Override
  public List<Step> steps() {
    return STEPS;
  }

  @Override
  public Proposal<BlueGreenParams> propose(BlueGreenDeploy d) {
    Target t = d.target();
    String service = d.service().name();
    String env = d.environment().name();
    BlueGreenSpec spec = BlueGreenDeploy.spec(d.service());
    String live = Colours.live(cluster.serviceSelector(t, spec.service()));
    RolloutSnapshot before = cluster.read(Colours.of(t, live));
    ImageRef image = resolver.resolve(d.service(), d.tag());
    if (image.pinned().equals(before.image())) {
      return Proposal.nothingToDo(
          new Reply.Text(
              service
                  + " in "
                  + env
                  + " already serves "
                  + image.pinned()
                  + " from "
                  + Colours.name(t, live)
                  + "; nothing to do."));
    }
    Deployments.refuseIfPaused(before, service, env, "deploy");
    BlueGreenParams p = plan(t, spec, live, before, image.pinned());
    refuseIfHeld(t, p, service, env);
    String idle = Colours.name(t, p.idle());
    IdleChecks checks =
        IdleChecks.of(d.service().checks(env), env, Colours.of(t, p.idle()), spec.service(), idle);
    return Proposal.of(
            "deploy " + service + " " + image.tag() + " (blue-green)",
            p,
            List.of(
                Deployments.PREFLIGHT.done(
                    "read Service " + spec.service() + " and the live deployment in " + t.cluster(),
                    "traffic on "
                        + Colours.name(t, live)
                        + ", running "
                        + ImageRef.parse(before.image()).tag()),
                RESOLVE.done("resolve " + d.tag().text() + " in the registry", image.shortForm()),
                CREATE.pending(
                    "create " + idle + " with " + image.tag() + ", " + p.replicas() + " replicas"),
                ROLLOUT.pending("wait until every pod of " + p.idle() + " is ready"),
                VERIFY.pending(checks.planned()),
                SWITCH.pending("switch Service " + spec.service() + " to " + p.idle()),
                HOLD.pending(
                    "keep " + Colours.name(t, live) + " for " + hold(p) + " (for /switch-back)"),
                DISCARD.pending("delete " + idle + " if anything fails before the switch")))
        .withNotes(
            StrategyAdvice.lines(
                d.service(), d.environment(), Strategy.BLUE_GREEN, d.strategyTyped()));
  }

  private static BlueGreenParams plan(
      Target t, BlueGreenSpec spec, String live, RolloutSnapshot before, String image) {
    return new BlueGreenParams(
        image,
        spec.service(),
        live,
        Colours.idle(live),
        before.image(),
        before.status().specReplicas(),
        spec.hold());
  }

  /**
   * Refuses while a colour other than the live one still has pods: deploying over it would take
   * away the switch-back of the last deploy without anyone deciding so.
   */
  private void refuseIfHeld(Target t, BlueGreenParams p, String service, String env) {
    List<Colours.Held> held = Colours.held(cluster, t, p.live());
    if (!held.isEmpty()) {
      throw new UsageException(
          service
              + " in "
              + env
              + " still keeps "
              + Colours.name(t, held.get(0).colour())
              + " from the last switch; nothing was changed",
          "/finish " + service + " --env " + env + " (or /switch-back) first");
    }
  }

  @Override
  public BlueGreenParams replan(Plan<BlueGreenParams> planned) {
    Target t = planned.target();
    BlueGreenParams was = planned.params();
    String live = Colours.live(cluster.serviceSelector(t, was.service()));
    RolloutSnapshot now = cluster.read(Colours.of(t, live));
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "deploy");
    BlueGreenParams p =
        plan(
            t,
            new dev.deckhand.commands.catalog.BlueGreenSpec(was.service(), was.hold()),
            live,
            now,
            resolver.repin(was.image()).pinned());
    refuseIfHeld(t, p, planned.service(), planned.environment());
    return p;
  }

  @Override
  public String canonical(BlueGreenParams p) {
    return String.join(
        "\n",
        p.image(),
        p.service(),
        p.live(),
        p.idle(),
        p.liveImage(),
        Integer.toString(p.replicas()));
  }

  @Override
  public String difference(BlueGreenParams before, BlueGreenParams now) {
    if (!before.image().equals(now.image())) {
      return "the tag now points to " + ImageRef.parse(now.image()).shortForm();
    }
    if (!before.live().equals(now.live())) {
      return "the traffic moved to another colour meanwhile";
    }
    return "the live deployment changed meanwhile";
  }

  @Override
  public Change change(Plan<BlueGreenParams> plan, OperationState end) {
    return new Change(plan.params().liveImage(), plan.params().image());
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<BlueGreenParams> plan, Step from) {
    BlueGreenParams p = plan.params();
    Target idle = Colours.of(plan.target(), p.idle());
    if (from.equals(CREATE)) {
      if (trafficMoved(run, plan, CREATE, p.live())) {
        return failed();
      }
      return rollouts
          .patch(
              run,
              CREATE,
              idle.deployment() + " with " + ImageRef.parse(p.image()).tag(),
              () ->
                  cluster.copyDeployment(
                      Colours.of(plan.target(), p.live()),
                      idle.deployment(),
                      Map.of(Colours.KEY, p.idle()),
                      p.image(),
                      p.replicas()))
          .thenCompose(gen -> rollout(run, plan, gen));
    }
    if (from.equals(ROLLOUT)) {
      return Deployments.changedMeanwhile(run, cluster, idle, ROLLOUT, p.image())
          ? failed()
          : rollout(run, plan, Deployments.generation(cluster, idle));
    }
    if (from.equals(VERIFY)) {
      return Deployments.changedMeanwhile(run, cluster, idle, VERIFY, p.image())
          ? failed()
          : verify(run, plan);
    }
    if (from.equals(SWITCH)) {
      return Deployments.changedMeanwhile(run, cluster, idle, SWITCH, p.image())
          ? failed()
          : switchOver(run, plan);
    }
    if (from.equals(HOLD)) {
      return hold(run, plan);
    }
    if (from.equals(DISCARD)) {
      return discard(run, plan);
    }
    throw new IllegalArgumentException("a blue-green deploy does not run from " + from.name());
  }

  private static CompletableFuture<OperationState> failed() {
    return CompletableFuture.completedFuture(OperationState.FAILED);
  }

  /** Stops at {@code step} when the Service no longer sends the traffic to {@code expected}. */
  private boolean trafficMoved(
      OperationRun run, Plan<BlueGreenParams> plan, Step step, String expected) {
    String now = Colours.live(cluster.serviceSelector(plan.target(), plan.params().service()));
    if (now.equals(expected)) {
      return false;
    }
    run.stop(
        step,
        "Service "
            + plan.params().service()
            + " now sends the traffic to "
            + Colours.name(plan.target(), now)
            + "; it changed while this operation waited, so nothing more was done");
    return true;
  }

  private CompletableFuture<OperationState> rollout(
      OperationRun run, Plan<BlueGreenParams> plan, long generation) {
    Target idle = Colours.of(plan.target(), plan.params().idle());
    return rollouts
        .watch(run, ROLLOUT, idle, generation)
        .thenCompose(
            outcome ->
                outcome instanceof RolloutOutcome.Complete
                    ? verify(run, plan)
                    : discard(run, plan));
  }

  /**
   * The catalog's health checks against the idle colour, before any traffic reaches it: those whose
   * URL names {@code {deployment}} are expanded again for the idle colour's deployment, the others
   * cannot reach it and are not run (see {@link IdleChecks}). The readiness of every idle pod is
   * what the rollout step already required.
   */
  private CompletableFuture<OperationState> verify(OperationRun run, Plan<BlueGreenParams> plan) {
    BlueGreenParams p = plan.params();
    IdleChecks checks =
        IdleChecks.of(
            catalog.service(plan.service()).orElseThrow().checks(plan.environment()),
            plan.environment(),
            Colours.of(plan.target(), p.idle()),
            p.service(),
            Colours.name(plan.target(), p.idle()));
    return rolls
        .verify(run, VERIFY, checks.reaching(), checks.note())
        .thenCompose(healthy -> healthy ? switchOver(run, plan) : discard(run, plan));
  }

  private CompletableFuture<OperationState> switchOver(
      OperationRun run, Plan<BlueGreenParams> plan) {
    BlueGreenParams p = plan.params();
    String now = Colours.live(cluster.serviceSelector(plan.target(), p.service()));
    if (!now.equals(p.idle()) && trafficMoved(run, plan, SWITCH, p.live())) {
      return failed();
    }
    return rollouts
        .patch(
            run,
            SWITCH,
            "traffic on " + Colours.name(plan.target(), p.idle()),
            () -> {
              cluster.setServiceSelector(plan.target(), p.service(), Colours.KEY, p.idle());
              return 0L;
            })
        .thenCompose(ignored -> hold(run, plan));
  }

  private CompletableFuture<OperationState> hold(OperationRun run, Plan<BlueGreenParams> plan) {
    BlueGreenParams p = plan.params();
    String until =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(clock.instant().plus(p.hold()));
    run.step(
        HOLD,
        StepState.DONE,
        Colours.name(plan.target(), p.live())
            + " keeps its pods; /switch-back "
            + plan.service()
            + " until you /finish it (hold until "
            + until
            + ")");
    run.skipPending("the switch succeeded");
    return CompletableFuture.completedFuture(OperationState.SUCCEEDED);
  }

  /**
   * After a failure before the switch: deletes the idle colour's deployment, so nothing is left
   * changed. A colour that already has the traffic (the switch happened, then something failed) is
   * never deleted.
   */
  private CompletableFuture<OperationState> discard(OperationRun run, Plan<BlueGreenParams> plan) {
    BlueGreenParams p = plan.params();
    Target idle = Colours.of(plan.target(), p.idle());
    return rollouts.blocking(
        () -> {
          String now = Colours.live(cluster.serviceSelector(plan.target(), p.service()));
          if (now.equals(p.idle())) {
            run.step(
                DISCARD,
                StepState.SKIPPED,
                "the traffic is already on " + Colours.name(plan.target(), p.idle()) + "; kept");
            return OperationState.FAILED;
          }
          run.step(DISCARD, StepState.RUNNING, "");
          cluster.deleteDeployment(idle);
          run.step(
              DISCARD,
              StepState.DONE,
              "deleted "
                  + idle.deployment()
                  + "; the traffic stayed on "
                  + Colours.name(plan.target(), now));
          return OperationState.FAILED;
        });
  }

  private static String hold(BlueGreenParams p) {
    long minutes = p.hold().toMinutes();
    return minutes % 60 == 0 && minutes > 0 ? (minutes / 60) + " h" : minutes + " min";
  }
}
