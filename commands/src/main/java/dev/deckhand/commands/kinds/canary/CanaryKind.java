package dev.deckhand.commands.kinds.canary;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.CanaryDeploy;
import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.engine.Durations;
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
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.Metrics;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A canary {@code /deploy}: the new pinned image on a copy of the stable deployment ({@code
 * <deployment>-canary}) that gets a rising share of the traffic — through the weights of a Traefik
 * {@code IngressRoute} or a Gateway API {@code HTTPRoute}, or by its share of the pods when no
 * route is named — holding at each step while the metric gates judge it against the stable version;
 * at 100 the stable deployment gets the image (a rolling update of the same digest that passed),
 * the traffic goes back to it and the canary is deleted.
 *
 * <p>A breach, a failed rollout or any other failure before the promotion ends in the abort: the
 * canary's weight to 0 at once, then its pods scaled to 0 (kept, so the next canary replaces it); a
 * failure during the promotion also puts the stable deployment back on its image. Setting a weight,
 * scaling and setting the image repeat harmlessly on a resume; a hold is judged again from its
 * start (a restart never shortens one); the rollouts are watched again.
 */
public final class CanaryKind implements OperationKind<CanaryDeploy, CanaryParams> {
  public static final Step RESOLVE = Step.of("resolve", Step.Resume.PLANNED);
  public static final Step CREATE = Step.of("create-canary", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("canary-rollout", Step.Resume.REATTACH);
  public static final Step VERIFY = Step.of("verify-canary", Step.Resume.REPEAT);
  public static final Step PROMOTE = Step.of("promote", Step.Resume.REPEAT);
  public static final Step PROMOTE_ROLLOUT = Step.of("promote-rollout", Step.Resume.REATTACH);
  public static final Step FINISH = Step.of("route-back", Step.Resume.REPEAT);
  public static final Step ABORT = Step.of("abort", Step.Resume.COMPENSATE);

  /** The label every canary pod carries. */
  public static final String TRACK = "deckhand.dev/track";

  /** The {@code /deploy} grammar builds a {@link CanaryDeploy} when the strategy says so. */
  public static final Registration REGISTRATION = new Registration(Deploy.SPEC, CanaryKind::new);

  private final Cluster cluster;
  private final ImageResolver resolver;
  private final Rollouts rollouts;
  private final Rolls rolls;
  private final Metrics metrics;
  private final Holds holds;
  private final Traffic traffic;
  private final dev.deckhand.commands.catalog.Catalog catalog;
  private final dev.deckhand.commands.engine.Verifier verifier;

  public CanaryKind(Tools tools) {
    this.cluster = tools.cluster();
    this.resolver = new ImageResolver(tools.registry());
    this.rollouts = tools.rollouts();
    this.rolls = new Rolls(tools);
    this.metrics = tools.metrics();
    this.traffic = new Traffic(tools.cluster());
    this.holds =
        new Holds(
            rollouts,
            new Judge(tools.metrics()),
            new Holds.Flow() {
              @Override
              public CompletableFuture<OperationState> next(
                  OperationRun run, Plan<CanaryParams> plan, int i) {
                return CanaryKind.this.next(run, plan, i);
              }

              @Override
              public CompletableFuture<OperationState> stopped(
                  OperationRun run, Plan<CanaryParams> plan, Step at) {
                return CanaryKind.this.stopped(run, plan, at);
              }

              @Override
              public CompletableFuture<OperationState> abort(
                  OperationRun run, Plan<CanaryParams> plan) {
                return CanaryKind.this.abort(run, plan, OperationState.FAILED);
              }
            });
    this.catalog = tools.catalog();
    this.verifier = tools.verifier();
  }

  @Override
  public String name() {
    return "canary";
  }

  @Override
  public String action() {
    return "deploy";
  }

  /** {@code /cancel} stops it between two judgements, or before the next step. */
  @Override
  public boolean stoppable() {
    return true;
  }

  @Override
  public Class<CanaryDeploy> command() {
    return CanaryDeploy.class;
  }

  @Override
  public Map<String, String> write(CanaryParams p) {
    return p.write();
  }

  @Override
  public CanaryParams read(int version, Map<String, String> fields) {
    return CanaryParams.read(version, fields);
  }

  /** The steps of one traffic share below 100: set it, then hold. */
  static Step traffic(int weight) {
    return Step.of("traffic-" + weight, Step.Resume.REPEAT);
  }

  static Step hold(int weight) {
    return Step.of("hold-" + weight, Step.Resume.REPEAT);
  }

  @Override
  public List<Step> steps() {
    return steps(CanarySpec.DEFAULT_STEPS);
  }

  @Override
  public List<Step> steps(CanaryParams p) {
    return steps(p.spec().steps());
  }

  private static List<Step> steps(List<Integer> weights) {
    List<Step> steps =
        new ArrayList<>(List.of(Deployments.PREFLIGHT, RESOLVE, CREATE, ROLLOUT, VERIFY));
    for (int w : weights.subList(0, weights.size() - 1)) {
      steps.add(traffic(w));
      steps.add(hold(w));
    }
    steps.addAll(List.of(PROMOTE, PROMOTE_ROLLOUT, FINISH, ABORT));
    return steps;
  }

  /** The canary's deployment: the stable one's name with {@code -canary}. */
  static Target canaryOf(Target stable) {
    return new Target(
        stable.cluster(), stable.namespace(), stable.deployment() + "-canary", stable.container());
  }

  /** The canary's own Service, the route's second backend. */
  static String canaryService(CanarySpec spec) {
    return spec.service() + "-canary";
  }

  @Override
  public Proposal<CanaryParams> propose(CanaryDeploy d) {
    Target t = d.target();
    String service = d.service().name();
    String env = d.environment().name();
    CanarySpec spec = CanaryDeploy.spec(d.service());
    if (spec.gates().isPresent() && !metrics.configured()) {
      throw new UsageException(
          service + "'s canary has metric gates, but no metrics source is configured",
          "add prometheus: { url: <its base URL> } to the catalog, or remove canary: gates: from "
              + service);
    }
    RolloutSnapshot before = cluster.read(t);
    ImageRef image = resolver.resolve(d.service(), d.tag());
    if (image.pinned().equals(before.image())) {
      return Proposal.nothingToDo(
          new Reply.Text(
              service + " in " + env + " already runs " + image.pinned() + "; nothing to do."));
    }
    Deployments.refuseIfPaused(before, service, env, "deploy");
    dev.deckhand.commands.kinds.bluegreen.Colours.refuseOffTheLiveColour(
        cluster, d.service(), env, t, "a canary");
    CanaryParams p = plan(t, spec, before, image.pinned());
    String split = traffic.now(t, p);
    List<StepRecord> records = new ArrayList<>();
    records.add(
        Deployments.PREFLIGHT.done(
            "read deployment "
                + t.deployment()
                + ", Service "
                + spec.service()
                + spec.route().map(r -> " and " + r).orElse("")
                + " in "
                + t.cluster(),
            "running "
                + ImageRef.parse(before.image()).tag()
                + " on "
                + p.replicas()
                + (p.replicas() == 1 ? " replica; " : " replicas; ")
                + split));
    records.add(RESOLVE.done("resolve " + d.tag().text() + " in the registry", image.shortForm()));
    records.add(
        CREATE.pending(
            "create "
                + canaryOf(t).deployment()
                + " with "
                + image.tag()
                + (p.routed() ? " and Service " + canaryService(spec) : "")
                + ", no traffic yet"));
    records.add(ROLLOUT.pending("wait until the canary's pods are ready"));
    records.add(VERIFY.pending(verifyTitle(canaryChecks(d.service(), env, t, spec))));
    for (int w : spec.partial()) {
      records.add(traffic(w).pending(Traffic.title(p, w)));
      records.add(hold(w).pending(holdTitle(spec, w)));
    }
    records.add(
        PROMOTE.pending("100 %: " + t.deployment() + " gets " + image.tag() + " (rolling update)"));
    records.add(PROMOTE_ROLLOUT.pending("wait until every pod of " + t.deployment() + " is ready"));
    records.add(
        FINISH.pending(
            (p.routed() ? "send all traffic to " + spec.service() + " again, delete " : "delete ")
                + "the canary"));
    records.add(
        ABORT.pending(
            "on a breach or a failure: the canary to 0 % at once, its pods scaled to 0"
                + " (the stable version keeps serving)"));
    return Proposal.of("deploy " + service + " " + image.tag() + " (canary)", p, records)
        .withNotes(
            dev.deckhand.commands.kinds.deploy.StrategyAdvice.lines(
                d.service(),
                d.environment(),
                dev.deckhand.commands.catalog.Strategy.CANARY,
                d.strategyTyped()));
  }

  /**
   * The service's health checks that can reach the canary: those whose URL names {@code
   * {deployment}}, expanded to the canary's deployment. The others reach the stable pods.
   */
  static List<dev.deckhand.commands.catalog.HealthCheck> canaryChecks(
      dev.deckhand.commands.catalog.ServiceSpec service,
      String env,
      Target stable,
      CanarySpec spec) {
    return service.checks(env).stream()
        .filter(c -> c.names("deployment"))
        .map(c -> c.at(env, canaryOf(stable), spec.service()))
        .toList();
  }

  private static String verifyTitle(List<dev.deckhand.commands.catalog.HealthCheck> checks) {
    return checks.isEmpty()
        ? "verify the canary: no health check names {deployment}; its pods' readiness only"
        : "verify the canary's health before any traffic ("
            + checks.size()
            + (checks.size() == 1 ? " check)" : " checks)");
  }

  private static String holdTitle(CanarySpec spec, int weight) {
    String hold = "hold " + Durations.words(spec.hold()) + " at " + weight + " %";
    return spec.gates()
        .map(
            g ->
                hold
                    + ": error rate and p99 latency judged every "
                    + Durations.words(g.interval())
                    + ", abort after "
                    + g.failures()
                    + (g.failures() == 1 ? " breach" : " breaches in a row")
                    + " (worst-case detection "
                    + Durations.words(g.detection())
                    + ")")
        .orElse(hold + " (no metric gates)");
  }

  private CanaryParams plan(Target t, CanarySpec spec, RolloutSnapshot before, String image) {
    Map<String, String> selector = cluster.serviceSelector(t, spec.service());
    Map<String, String> labels = new TreeMap<>();
    labels.put(TRACK, "canary");
    if (spec.route().isPresent()) {
      // one key of the stable Service's selector differs, so that Service never selects a canary
      String key = new TreeMap<>(selector).firstKey();
      labels.put(key, selector.get(key) + "-canary");
    }
    return new CanaryParams(image, before.image(), before.status().specReplicas(), labels, spec);
  }

  @Override
  public CanaryParams replan(Plan<CanaryParams> planned) {
    Target t = planned.target();
    CanaryParams was = planned.params();
    RolloutSnapshot now = cluster.read(t);
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "deploy");
    CanaryParams p = plan(t, was.spec(), now, resolver.repin(was.image()).pinned());
    traffic.now(t, p);
    return p;
  }

  @Override
  public String canonical(CanaryParams p) {
    return String.join(
        "\n",
        p.image(),
        p.beforeImage(),
        Integer.toString(p.replicas()),
        CanaryParams.labels(p.canaryLabels()),
        p.spec().service(),
        p.spec().route().map(Object::toString).orElse("replicas"),
        p.spec().steps().toString(),
        p.spec().hold().toString(),
        p.spec().gates().map(Object::toString).orElse("no gates"));
  }

  @Override
  public String difference(CanaryParams before, CanaryParams now) {
    if (!before.image().equals(now.image())) {
      return "the tag now points to " + ImageRef.parse(now.image()).shortForm();
    }
    if (!before.beforeImage().equals(now.beforeImage())) {
      return "the stable deployment runs another image now";
    }
    return "the stable deployment or its Service changed meanwhile";
  }

  @Override
  public Change change(Plan<CanaryParams> plan, OperationState end) {
    return new Change(plan.params().beforeImage(), plan.params().image());
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<CanaryParams> plan, Step from) {
    CanaryParams p = plan.params();
    Target stable = plan.target();
    Target canary = canaryOf(stable);
    List<Integer> partial = p.spec().partial();
    if (from.equals(CREATE)) {
      return Deployments.changedMeanwhile(run, cluster, stable, CREATE, p.beforeImage())
          ? failed()
          : create(run, plan);
    }
    if (from.equals(ROLLOUT)) {
      return Deployments.changedMeanwhile(run, cluster, canary, ROLLOUT, p.image())
          ? failed()
          : canaryRollout(run, plan, Deployments.generation(cluster, canary));
    }
    if (from.equals(VERIFY)) {
      return Deployments.changedMeanwhile(run, cluster, canary, VERIFY, p.image())
          ? failed()
          : verify(run, plan);
    }
    for (int i = 0; i < partial.size(); i++) {
      if (from.equals(traffic(partial.get(i))) || from.equals(hold(partial.get(i)))) {
        String now = cluster.find(canary).map(RolloutSnapshot::image).orElse("");
        if (!now.equals(p.image())) {
          run.step(
              from,
              StepState.FAILED,
              now.isEmpty()
                  ? canary.deployment() + " was deleted while this operation waited"
                  : canary.deployment()
                      + " runs "
                      + ImageRef.parse(now).tag()
                      + " now; it changed while this operation waited");
          return abort(run, plan, OperationState.FAILED);
        }
        return from.equals(hold(partial.get(i))) ? holds.hold(run, plan, i) : shift(run, plan, i);
      }
    }
    if (from.equals(PROMOTE)) {
      return promote(run, plan);
    }
    if (from.equals(PROMOTE_ROLLOUT)) {
      return Deployments.changedMeanwhile(run, cluster, stable, PROMOTE_ROLLOUT, p.image())
          ? failed()
          : promoteRollout(run, plan, Deployments.generation(cluster, stable));
    }
    if (from.equals(FINISH)) {
      return finish(run, plan);
    }
    if (from.equals(ABORT)) {
      return abort(run, plan, OperationState.FAILED);
    }
    throw new IllegalArgumentException("a canary deploy does not run from " + from.name());
  }

  private static CompletableFuture<OperationState> failed() {
    return CompletableFuture.completedFuture(OperationState.FAILED);
  }

  private CompletableFuture<OperationState> create(OperationRun run, Plan<CanaryParams> plan) {
    CanaryParams p = plan.params();
    Target stable = plan.target();
    Target canary = canaryOf(stable);
    int first = Traffic.replicas(p, p.spec().partial().isEmpty() ? 100 : p.spec().partial().get(0));
    return rollouts
        .patch(
            run,
            CREATE,
            canary.deployment() + " with " + ImageRef.parse(p.image()).tag(),
            () -> {
              if (p.routed()) {
                Map<String, String> selector =
                    new LinkedHashMap<>(cluster.serviceSelector(stable, p.spec().service()));
                selector.putAll(p.canaryLabels());
                cluster.copyService(stable, p.spec().service(), canaryService(p.spec()), selector);
              }
              return cluster.copyDeployment(
                  stable, canary.deployment(), p.canaryLabels(), p.image(), first);
            })
        .thenCompose(generation -> canaryRollout(run, plan, generation));
  }

  private CompletableFuture<OperationState> canaryRollout(
      OperationRun run, Plan<CanaryParams> plan, long generation) {
    return watched(
        run, plan, ROLLOUT, canaryOf(plan.target()), generation, () -> verify(run, plan));
  }

  /** Watches a rollout as {@code step}; {@code then} when it completes, else the abort. */
  private CompletableFuture<OperationState> watched(
      OperationRun run,
      Plan<CanaryParams> plan,
      Step step,
      Target target,
      long generation,
      java.util.function.Supplier<CompletableFuture<OperationState>> then) {
    return rollouts
        .watch(run, step, target, generation)
        .thenCompose(
            outcome ->
                outcome instanceof RolloutOutcome.Complete
                    ? then.get()
                    : abort(run, plan, OperationState.FAILED));
  }

  /** The canary's health, before it gets any traffic; a failure aborts it. */
  private CompletableFuture<OperationState> verify(OperationRun run, Plan<CanaryParams> plan) {
    var service = catalog.service(plan.service()).orElseThrow();
    var checks = canaryChecks(service, plan.environment(), plan.target(), plan.params().spec());
    if (checks.isEmpty()) {
      run.step(VERIFY, StepState.SKIPPED, "no health check names {deployment}");
      return next(run, plan, 0);
    }
    run.step(VERIFY, StepState.RUNNING, "");
    return verifier
        .verify(checks)
        .thenCompose(
            failures -> {
              if (failures.isEmpty()) {
                run.step(VERIFY, StepState.DONE, "healthy");
                return next(run, plan, 0);
              }
              run.step(VERIFY, StepState.FAILED, String.join("; ", failures));
              return abort(run, plan, OperationState.FAILED);
            });
  }

  /** Step {@code i} of the shares below 100, or the promotion after the last. */
  private CompletableFuture<OperationState> next(OperationRun run, Plan<CanaryParams> plan, int i) {
    boolean last = i >= plan.params().spec().partial().size();
    if (run.stopRequested().isPresent()) {
      return stopped(run, plan, last ? PROMOTE : traffic(plan.params().spec().partial().get(i)));
    }
    return last ? promote(run, plan) : shift(run, plan, i);
  }

  /** Someone asked to stop it ({@code /cancel}): the abort, ending {@code cancelled}. */
  private CompletableFuture<OperationState> stopped(
      OperationRun run, Plan<CanaryParams> plan, Step at) {
    String who = run.stopRequested().orElseThrow().displayName();
    run.step(at, StepState.FAILED, "stopped by " + who);
    run.detail(new Reply.Text("Canary of " + plan.service() + " stopped by " + who + "."));
    return abort(run, plan, OperationState.CANCELLED);
  }

  /** Scales the canary for share {@code i}, waits for its pods, then moves the weights. */
  private CompletableFuture<OperationState> shift(
      OperationRun run, Plan<CanaryParams> plan, int i) {
    CanaryParams p = plan.params();
    int weight = p.spec().partial().get(i);
    Step step = traffic(weight);
    Target stable = plan.target();
    Target canary = canaryOf(stable);
    int pods = Traffic.replicas(p, weight);
    return rollouts
        .blocking(
            () -> {
              run.step(step, StepState.RUNNING, "scaling the canary to " + pods);
              return cluster.scale(canary, pods);
            })
        .thenCompose(generation -> rollouts.watch(run, step, canary, generation))
        .thenCompose(
            outcome -> {
              if (!(outcome instanceof RolloutOutcome.Complete)) {
                return abort(run, plan, OperationState.FAILED);
              }
              return rollouts
                  .blocking(
                      () -> {
                        run.step(step, StepState.RUNNING, "moving the traffic");
                        String split = traffic.set(stable, p, weight);
                        run.step(step, StepState.DONE, split);
                        return split;
                      })
                  .thenCompose(ignored -> holds.hold(run, plan, i));
            });
  }

  private CompletableFuture<OperationState> promote(OperationRun run, Plan<CanaryParams> plan) {
    CanaryParams p = plan.params();
    return rolls
        .setImage(run, PROMOTE, plan.target(), p.image(), " (canary promoted)")
        .thenCompose(generation -> promoteRollout(run, plan, generation));
  }

  private CompletableFuture<OperationState> promoteRollout(
      OperationRun run, Plan<CanaryParams> plan, long generation) {
    return watched(run, plan, PROMOTE_ROLLOUT, plan.target(), generation, () -> finish(run, plan));
  }

  /** After the promotion: all traffic on the stable Service again, the canary deleted. */
  private CompletableFuture<OperationState> finish(OperationRun run, Plan<CanaryParams> plan) {
    CanaryParams p = plan.params();
    Target stable = plan.target();
    return rollouts.blocking(
        () -> {
          run.step(FINISH, StepState.RUNNING, "");
          traffic.back(stable, p);
          cluster.deleteDeployment(canaryOf(stable));
          if (p.routed()) {
            cluster.deleteService(stable, canaryService(p.spec()));
          }
          run.step(
              FINISH,
              StepState.DONE,
              stable.deployment()
                  + " serves "
                  + ImageRef.parse(p.image()).tag()
                  + " on every pod; the canary is deleted");
          run.skipPending("the canary was promoted");
          return OperationState.SUCCEEDED;
        });
  }

  /**
   * The canary out of the traffic at once (weight 0 in one write), then its pods scaled to 0; a
   * stable deployment that already got the new image (the promotion failed) is set back to its own.
   * Idempotent: a resume after a recorded failure runs it again.
   */
  private CompletableFuture<OperationState> abort(
      OperationRun run, Plan<CanaryParams> plan, OperationState end) {
    CanaryParams p = plan.params();
    Target stable = plan.target();
    Target canary = canaryOf(stable);
    return rollouts.blocking(
        () -> {
          run.step(ABORT, StepState.RUNNING, "");
          List<String> done = new ArrayList<>(traffic.toZero(stable, p));
          if (cluster.find(canary).isPresent()) {
            cluster.scale(canary, 0);
            done.add(canary.deployment() + " scaled to 0");
          }
          if (!cluster.read(stable).image().equals(p.beforeImage())) {
            cluster.setImage(
                stable,
                p.beforeImage(),
                "deckhand op " + run.id() + ": canary aborted, back to its image");
            done.add(stable.deployment() + " set back to " + ImageRef.parse(p.beforeImage()).tag());
          }
          run.step(
              ABORT, StepState.DONE, done.isEmpty() ? "nothing to undo" : String.join("; ", done));
          run.skipPending("the canary was aborted");
          return end;
        });
  }
}
