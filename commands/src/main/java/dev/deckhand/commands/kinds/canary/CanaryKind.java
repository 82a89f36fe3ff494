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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

  /** How often a hold without gates looks whether someone asked to stop. */
  private static final Duration STOP_LOOK = Duration.ofSeconds(2);

  /** The label every canary pod carries. */
  public static final String TRACK = "deckhand.dev/track";

  /** The {@code /deploy} grammar builds a {@link CanaryDeploy} when the strategy says so. */
  public static final Registration REGISTRATION = new Registration(Deploy.SPEC, CanaryKind::new);

  private final Cluster cluster;
  private final ImageResolver resolver;
  private final Rollouts rollouts;
  private final Rolls rolls;
  private final Metrics metrics;
  private final Judge judge;
  private final dev.deckhand.commands.catalog.Catalog catalog;
  private final dev.deckhand.commands.engine.Verifier verifier;

  public CanaryKind(Tools tools) {
    this.cluster = tools.cluster();
    this.resolver = new ImageResolver(tools.registry());
    this.rollouts = tools.rollouts();
    this.rolls = new Rolls(tools);
    this.metrics = tools.metrics();
    this.judge = new Judge(tools.metrics());
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
    String split = currentSplit(t, p);
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
      records.add(traffic(w).pending(trafficTitle(p, w)));
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

  private static String trafficTitle(CanaryParams p, int weight) {
    if (p.routed()) {
      return "send "
          + weight
          + " % of the traffic to the canary ("
          + replicas(p, weight)
          + (replicas(p, weight) == 1 ? " pod)" : " pods)");
    }
    int c = replicas(p, weight);
    return "scale the canary to "
        + c
        + (c == 1 ? " pod" : " pods")
        + " beside "
        + p.replicas()
        + " (≈ "
        + Math.round(100.0 * c / (c + p.replicas()))
        + " % of the traffic, by its share of the pods)";
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

  /** The canary's pods at {@code weight}: its share of the traffic with a route, else of pods. */
  static int replicas(CanaryParams p, int weight) {
    int n = Math.max(1, p.replicas());
    if (p.routed()) {
      return Math.max(1, (int) Math.ceil(n * weight / 100.0));
    }
    return Math.min(n, Math.max(1, (int) Math.round(n * weight / (100.0 - weight))));
  }

  private String currentSplit(Target t, CanaryParams p) {
    if (!p.routed()) {
      return "no route: the traffic is split by the share of pods";
    }
    CanarySpec.Route route = p.spec().route().orElseThrow();
    Map<String, Integer> weights =
        cluster.routeWeights(t, route, p.spec().service(), canaryService(p.spec()));
    return route + " sends to " + weights(weights);
  }

  /** The backends' shares of the traffic: {@code web 95 %, web-canary 5 %}. */
  private static String weights(Map<String, Integer> weights) {
    int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
    List<String> parts = new ArrayList<>();
    weights.forEach(
        (name, w) -> parts.add(name + " " + (sum == 0 ? 0 : Math.round(100.0 * w / sum)) + " %"));
    return String.join(", ", parts);
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
    currentSplit(t, p);
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
        return from.equals(hold(partial.get(i))) ? hold(run, plan, i) : traffic(run, plan, i);
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
    int first = replicas(p, p.spec().partial().isEmpty() ? 100 : p.spec().partial().get(0));
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
    return last ? promote(run, plan) : traffic(run, plan, i);
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
  private CompletableFuture<OperationState> traffic(
      OperationRun run, Plan<CanaryParams> plan, int i) {
    CanaryParams p = plan.params();
    int weight = p.spec().partial().get(i);
    Step step = traffic(weight);
    Target stable = plan.target();
    Target canary = canaryOf(stable);
    int pods = replicas(p, weight);
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
                        String split = split(stable, p, weight);
                        run.step(step, StepState.DONE, split);
                        return split;
                      })
                  .thenCompose(ignored -> hold(run, plan, i));
            });
  }

  /** Sets the weights for {@code weight} (nothing to set without a route); says where they are. */
  private String split(Target stable, CanaryParams p, int weight) {
    int pods = replicas(p, weight);
    if (!p.routed()) {
      return pods
          + (pods == 1 ? " canary pod" : " canary pods")
          + " beside "
          + p.replicas()
          + ": ≈ "
          + Math.round(100.0 * pods / (pods + p.replicas()))
          + " % of the traffic";
    }
    CanarySpec.Route route = p.spec().route().orElseThrow();
    cluster.setRouteWeights(stable, route, p.spec().service(), canaryService(p.spec()), weight);
    return weight
        + " % on the canary ("
        + route
        + ": "
        + weights(cluster.routeWeights(stable, route, p.spec().service(), canaryService(p.spec())))
        + ")";
  }

  /** Where a hold stands between two judgements. */
  private record Holding(long startedNanos, int breaches, int passes, String last) {}

  private CompletableFuture<OperationState> hold(OperationRun run, Plan<CanaryParams> plan, int i) {
    CanarySpec spec = plan.params().spec();
    int weight = spec.partial().get(i);
    Step step = hold(weight);
    if (spec.gates().isEmpty()) {
      run.step(step, StepState.RUNNING, "until " + Durations.words(spec.hold()) + " passed");
      return waited(run, plan, i, System.nanoTime());
    }
    CanarySpec.Gates gates = spec.gates().orElseThrow();
    run.step(
        step,
        StepState.RUNNING,
        "judging every "
            + Durations.words(gates.interval())
            + " for "
            + Durations.words(spec.hold()));
    return judged(run, plan, i, new Holding(System.nanoTime(), 0, 0, ""));
  }

  /** A hold without gates, looking for a stop every few seconds until it has passed. */
  private CompletableFuture<OperationState> waited(
      OperationRun run, Plan<CanaryParams> plan, int i, long started) {
    CanarySpec spec = plan.params().spec();
    Step step = hold(spec.partial().get(i));
    Duration left = spec.hold().minus(Duration.ofNanos(System.nanoTime() - started));
    if (run.stopRequested().isPresent()) {
      return stopped(run, plan, step);
    }
    if (left.isNegative() || left.isZero()) {
      run.step(step, StepState.DONE, "held " + Durations.words(spec.hold()));
      return next(run, plan, i + 1);
    }
    Duration tick = left.compareTo(STOP_LOOK) < 0 ? left : STOP_LOOK;
    return after(tick).thenCompose(ignored -> waited(run, plan, i, started));
  }

  /** The next judgement of hold {@code i}, after one interval. */
  private CompletableFuture<OperationState> judged(
      OperationRun run, Plan<CanaryParams> plan, int i, Holding was) {
    CanarySpec spec = plan.params().spec();
    CanarySpec.Gates gates = spec.gates().orElseThrow();
    Step step = hold(spec.partial().get(i));
    Target stable = plan.target();
    return after(gates.interval())
        .thenCompose(
            ignored ->
                run.stopRequested().isPresent()
                    ? CompletableFuture.completedFuture((Judge.Verdict) null)
                    : rollouts.blocking(() -> judge.judge(stable, canaryOf(stable), gates)))
        .thenCompose(
            verdict -> {
              if (verdict == null) {
                return stopped(run, plan, step);
              }
              Duration held = Duration.ofNanos(System.nanoTime() - was.startedNanos());
              if (verdict instanceof Judge.Breach b) {
                int breaches = was.breaches() + 1;
                if (breaches >= gates.failures()) {
                  return breached(run, plan, step, b, breaches);
                }
                run.step(
                    step,
                    StepState.RUNNING,
                    "breach " + breaches + " of " + gates.failures() + ": " + b.line());
                return judged(
                    run,
                    plan,
                    i,
                    new Holding(was.startedNanos(), breaches, was.passes(), b.line()));
              }
              if (verdict instanceof Judge.Pass pass) {
                if (held.compareTo(spec.hold()) >= 0) {
                  return held(run, plan, i, was.passes() + 1, pass.line());
                }
                run.step(step, StepState.RUNNING, "passed: " + pass.line());
                return judged(
                    run,
                    plan,
                    i,
                    new Holding(was.startedNanos(), 0, was.passes() + 1, pass.line()));
              }
              // inconclusive: neither a pass nor a breach; a hold never ends unjudged
              Duration grace = spec.hold().plus(gates.detection());
              if (held.compareTo(grace) >= 0 && was.passes() == 0) {
                run.step(
                    step,
                    StepState.FAILED,
                    "could not judge the canary in "
                        + Durations.words(held)
                        + ": "
                        + verdict.line());
                run.detail(
                    new Reply.Text(
                        "Canary of "
                            + plan.service()
                            + " aborted: it could not be judged in "
                            + Durations.words(held)
                            + " ("
                            + verdict.line()
                            + ")."));
                return abort(run, plan, OperationState.FAILED);
              }
              if (held.compareTo(spec.hold()) >= 0 && was.passes() > 0 && was.breaches() == 0) {
                return held(run, plan, i, was.passes(), verdict.line());
              }
              run.step(step, StepState.RUNNING, "not judged: " + verdict.line());
              return judged(
                  run,
                  plan,
                  i,
                  new Holding(was.startedNanos(), was.breaches(), was.passes(), verdict.line()));
            });
  }

  /** Hold {@code i} has passed: done, on to the next step. */
  private CompletableFuture<OperationState> held(
      OperationRun run, Plan<CanaryParams> plan, int i, int passes, String last) {
    CanarySpec spec = plan.params().spec();
    run.step(
        hold(spec.partial().get(i)),
        StepState.DONE,
        "held "
            + Durations.words(spec.hold())
            + ", "
            + passes
            + (passes == 1 ? " judgement passed" : " judgements passed")
            + "; last: "
            + last);
    return next(run, plan, i + 1);
  }

  private CompletableFuture<OperationState> breached(
      OperationRun run, Plan<CanaryParams> plan, Step step, Judge.Breach b, int breaches) {
    run.step(
        step, StepState.FAILED, b.line() + (breaches == 1 ? "" : " (" + breaches + " in a row)"));
    run.detail(
        new Reply.Text(
            "Canary of "
                + plan.service()
                + " aborted: "
                + b.line()
                + ", "
                + breaches
                + (breaches == 1 ? " time" : " times in a row")
                + ".\nQuery: "
                + b.query()));
    return abort(run, plan, OperationState.FAILED);
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
          if (p.routed()) {
            cluster.setRouteWeights(
                stable,
                p.spec().route().orElseThrow(),
                p.spec().service(),
                canaryService(p.spec()),
                -1);
          }
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
          List<String> done = new ArrayList<>();
          if (p.routed()) {
            CanarySpec.Route route = p.spec().route().orElseThrow();
            String name = canaryService(p.spec());
            if (cluster.routeWeights(stable, route, p.spec().service(), name).containsKey(name)) {
              cluster.setRouteWeights(stable, route, p.spec().service(), name, 0);
              done.add("the canary at 0 % (" + split0(stable, p) + ")");
            } else {
              done.add("the canary had no traffic");
            }
          }
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

  private String split0(Target stable, CanaryParams p) {
    CanarySpec.Route route = p.spec().route().orElseThrow();
    return route
        + ": "
        + weights(cluster.routeWeights(stable, route, p.spec().service(), canaryService(p.spec())));
  }

  /** Completes after {@code d}, without holding a thread. */
  private static CompletableFuture<Void> after(Duration d) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS));
  }
}
