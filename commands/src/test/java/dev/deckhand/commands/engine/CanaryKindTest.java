package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static dev.deckhand.commands.engine.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Metrics;
import dev.deckhand.commands.ports.MetricsException;
import dev.deckhand.commands.rollout.PodProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Canary deploys on the fakes: the weights rise step by step while the gates hold, the stable
 * deployment gets the image at 100 and the canary is deleted; a breach sets the canary to 0 % and
 * scales it down, quoting the value, the threshold and the query; an unanswerable gate never counts
 * as a breach; a restart during a hold judges that hold again without setting anything twice. The
 * metrics source here is a scripted port (the HTTP adapter has its own tests against a Prometheus
 * peer on loopback).
 */
class CanaryKindTest {
  private static final String SVC = "coachpilot-gateway";
  private static final Target CANARY =
      new Target("staging", "coachpilot", "coachpilot-gateway-canary", "gateway");
  private static final CanarySpec.Route ROUTE =
      new CanarySpec.Route(CanarySpec.RouteKind.INGRESS_ROUTE, "gateway");
  private static final String ERRORS = "code=~";
  private static final String LATENCY = "histogram_quantile";

  /** Answers by query: the canary's when the query names its pods, else the stable one's. */
  static final class ScriptedMetrics implements Metrics {
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile BiFunction<Boolean, String, OptionalDouble> answer = healthy();

    @Override
    public String source() {
      return "http://prometheus.test";
    }

    @Override
    public OptionalDouble query(String cluster, String promql) {
      queries.add(promql);
      return answer.apply(promql.contains("coachpilot-gateway-canary-"), promql);
    }

    static BiFunction<Boolean, String, OptionalDouble> healthy() {
      return (canary, q) ->
          OptionalDouble.of(q.contains(ERRORS) ? 0.002 : q.contains(LATENCY) ? 0.12 : 600);
    }

    static BiFunction<Boolean, String, OptionalDouble> erroring() {
      return (canary, q) ->
          OptionalDouble.of(
              q.contains(ERRORS) ? (canary ? 0.25 : 0.002) : q.contains(LATENCY) ? 0.12 : 600);
    }
  }

  private final ScriptedMetrics metrics = new ScriptedMetrics();
  private EngineFixture world;

  private EngineFixture fixture(Optional<CanarySpec.Route> route, Duration hold) {
    EngineFixture w = builder(route, hold).build();
    w.cluster.service(STAGING, SVC, Map.of("app", "gateway"));
    w.cluster.route(STAGING, ROUTE, Map.of(SVC, 1));
    w.cluster.autoRollOut(CANARY);
    w.cluster.autoRollOut(STAGING);
    return w;
  }

  private EngineFixture.Builder builder(Optional<CanarySpec.Route> route, Duration hold) {
    return builder(route, hold, g -> g);
  }

  private EngineFixture.Builder builder(
      Optional<CanarySpec.Route> route,
      Duration hold,
      java.util.function.UnaryOperator<ServiceSpec> more) {
    CanarySpec spec =
        new CanarySpec(
            SVC,
            route,
            CanarySpec.DEFAULT_STEPS,
            hold,
            Optional.of(
                new CanarySpec.Gates(
                    Duration.ofMillis(20),
                    2,
                    Duration.ofMinutes(1),
                    50,
                    0.01,
                    Duration.ofMillis(200),
                    CanarySpec.Queries.DEFAULT)));
    return EngineFixture.builder()
        .metrics(metrics)
        .edit(
            c -> {
              Map<String, ServiceSpec> services = new LinkedHashMap<>(c.services());
              services.put(
                  "gateway",
                  c.services().get("gateway").toBuilder()
                      .strategy(Strategy.CANARY)
                      .canary(spec)
                      .build());
              services.put("gateway", more.apply(services.get("gateway")));
              return c.toBuilder().services(services).build();
            });
  }

  /** Every text posted under the live message. */
  private List<String> texts() {
    return world.chat.threads().stream()
        .map(RecordingConversation.Threaded::reply)
        .filter(r -> r instanceof Reply.Text)
        .map(r -> ((Reply.Text) r).text())
        .toList();
  }

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void walksFiveTwentyFiveFiftyThenPromotesAndDeletesTheCanary() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(60));
    world.submit("/deploy gateway " + NEW_TAG);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.kind()).isEqualTo("canary");
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly(
            "preflight=done",
            "resolve=done",
            "create-canary=done",
            "canary-rollout=done",
            "verify-canary=skipped",
            "traffic-5=done",
            "hold-5=done",
            "traffic-25=done",
            "hold-25=done",
            "traffic-50=done",
            "hold-50=done",
            "promote=done",
            "promote-rollout=done",
            "route-back=done",
            "abort=skipped");
    assertThat(world.cluster.canaryWrites())
        .containsExactly(
            "copy-service coachpilot-gateway-canary {app=gateway-canary,"
                + " deckhand.dev/track=canary}",
            "weight 5",
            "weight 25",
            "weight 50",
            "weights back",
            "delete-service coachpilot-gateway-canary");
    assertThat(world.cluster.route(STAGING, ROUTE)).isEqualTo(Map.of(SVC, 1));
    assertThat(world.cluster.find(CANARY)).isEmpty();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(NEW_TAG));
    assertThat(step(done, "traffic-25").detail())
        .contains("25 % on the canary (IngressRoute gateway: ")
        .contains("coachpilot-gateway 75 %, coachpilot-gateway-canary 25 %");
    assertThat(step(done, "hold-5").title())
        .contains("every 20 ms, abort after 2 breaches in a row (worst-case detection 40 ms)");
    assertThat(step(done, "hold-50").detail())
        .contains("passed; last: error rate")
        .contains("600 requests");
    assertThat(metrics.queries)
        .anyMatch(q -> q.contains("pod=~\"coachpilot-gateway-canary-[a-z0-9]+-[a-z0-9]+\""))
        .anyMatch(q -> q.contains("pod=~\"coachpilot-gateway-[a-z0-9]+-[a-z0-9]+\""))
        .allMatch(q -> q.contains("namespace=\"coachpilot\"") && q.contains("[1m]"));
    assertThat(world.store.timeline().get(0).newImage()).isEqualTo(pinned(NEW_TAG));
  }

  @Test
  void aBreachSetsTheCanaryToZeroAtOnceScalesItDownAndQuotesValueThresholdAndQuery()
      throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofSeconds(30));
    metrics.answer = ScriptedMetrics.erroring();
    world.submit("/deploy gateway " + NEW_TAG);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(step(done, "hold-5").state()).isEqualTo(StepState.FAILED);
    assertThat(step(done, "hold-5").detail())
        .isEqualTo(
            "error rate 25 % vs stable 0.2 % (+24.8 pp, at most +1 pp allowed) (2 in a row)");
    assertThat(step(done, "traffic-25").state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(done, "promote").state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(done, "abort").detail())
        .startsWith("the canary at 0 % (IngressRoute gateway: ")
        .contains("coachpilot-gateway-canary scaled to 0");
    assertThat(world.cluster.route(STAGING, ROUTE))
        .isEqualTo(Map.of(SVC, 100, "coachpilot-gateway-canary", 0));
    assertThat(world.cluster.current(CANARY).status().specReplicas()).isZero();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(texts())
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("Canary of gateway aborted: error rate 25 % vs stable 0.2 %")
                    .contains("Query: sum(rate(http_requests_total{namespace=\"coachpilot\","));
  }

  @Test
  void oneBreachAmongPassesDoesNotAbort() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(100));
    int[] n = {0};
    metrics.answer =
        (canary, q) -> {
          if (canary && q.contains(ERRORS) && n[0]++ == 0) {
            return OptionalDouble.of(0.5);
          }
          return ScriptedMetrics.healthy().apply(canary, q);
        };
    world.submit("/deploy gateway " + NEW_TAG);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(n[0]).isGreaterThan(1);
  }

  @Test
  void aFailingMetricsSourceIsNeverABreachButAHoldNeverEndsUnjudged() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(60));
    metrics.answer =
        (canary, q) -> {
          throw new MetricsException("cannot reach http://prometheus.test: connection refused");
        };
    world.submit("/deploy gateway " + NEW_TAG);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(step(done, "hold-5").detail())
        .startsWith("could not judge the canary in ")
        .endsWith("metrics: cannot reach http://prometheus.test: connection refused");
    assertThat(world.cluster.route(STAGING, ROUTE)).containsEntry("coachpilot-gateway-canary", 0);
  }

  @Test
  void tooFewRequestsAreNotJudged() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(60));
    metrics.answer = (canary, q) -> OptionalDouble.of(q.contains(ERRORS) ? 0.9 : 3);
    world.submit("/deploy gateway " + NEW_TAG);
    OperationRecord done = world.awaitFinished();
    assertThat(step(done, "hold-5").detail())
        .contains("the canary served 3 requests in the last 1m; 50 are needed to judge it");
    assertThat(step(done, "hold-5").detail()).doesNotContain("error rate");
  }

  @Test
  void withoutARouteTheShareOfPodsSplitsTheTraffic() throws Exception {
    world = fixture(Optional.empty(), Duration.ofMillis(40));
    world.submit("/deploy gateway " + NEW_TAG);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.canaryWrites()).isEmpty();
    assertThat(step(done, "traffic-5").detail())
        .isEqualTo("1 canary pod beside 3: ≈ 25 % of the traffic");
    assertThat(step(done, "traffic-50").detail())
        .isEqualTo("3 canary pods beside 3: ≈ 50 % of the traffic");
    assertThat(world.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly("scale 1", "scale 1", "scale 3");
    assertThat(world.cluster.blueGreenWrites())
        .containsExactly(
            "copy coachpilot-gateway-canary " + pinned(NEW_TAG) + " {deckhand.dev/track=canary}",
            "delete coachpilot-gateway-canary");
  }

  @Test
  void aCrashingCanaryNeverGetsTraffic() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(60));
    world.cluster.noAutoRollOut(CANARY);
    world.submit("/deploy gateway " + NEW_TAG);
    eventually().until(() -> world.cluster.watchers(CANARY) == 1);
    world.cluster.failPod(
        CANARY,
        new PodProblem("coachpilot-gateway-canary-1", "gateway", "CrashLoopBackOff", "exit 1", 3));
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(world.cluster.canaryWrites()).noneMatch(w -> w.startsWith("weight"));
    assertThat(world.cluster.route(STAGING, ROUTE)).isEqualTo(Map.of(SVC, 1));
    assertThat(step(done, "abort").detail())
        .isEqualTo("the canary had no traffic; coachpilot-gateway-canary scaled to 0");
  }

  @Test
  void anUnhealthyCanaryIsCheckedThroughItsOwnDeploymentAndNeverGetsTraffic() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(40));
    world.close();
    var check =
        new dev.deckhand.commands.catalog.HealthCheck(
            java.net.URI.create("http://health.test/coachpilot-gateway/health"),
            200,
            Duration.ofSeconds(1),
            1,
            Map.of(),
            1,
            null,
            "http://health.test/{deployment}/health");
    world =
        builder(
                Optional.of(ROUTE),
                Duration.ofMillis(40),
                gw -> {
                  Map<String, List<dev.deckhand.commands.catalog.HealthCheck>> verify =
                      new LinkedHashMap<>(gw.verify());
                  verify.put("staging", List.of(check));
                  return gw.toBuilder().verify(verify).build();
                })
            .restartOf(world)
            .build();
    world.probe.answer(new dev.deckhand.commands.ports.HealthProbe.Result(false, "503"));
    world.submit("/deploy gateway " + NEW_TAG);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(world.probe.calls())
        .containsExactly(
            java.net.URI.create("http://health.test/coachpilot-gateway-canary/health"));
    assertThat(step(done, "verify-canary").detail())
        .isEqualTo("http://health.test/coachpilot-gateway-canary/health: 503");
    assertThat(world.cluster.canaryWrites()).noneMatch(w -> w.startsWith("weight"));
    assertThat(step(done, "abort").detail()).startsWith("the canary had no traffic");
  }

  @Test
  void gatesWithoutAMetricsSourceAreRefusedBeforeAnythingChanges() {
    world =
        EngineFixture.builder()
            .edit(
                c -> {
                  Map<String, ServiceSpec> services = new LinkedHashMap<>(c.services());
                  services.put(
                      "gateway",
                      c.services().get("gateway").toBuilder()
                          .canary(
                              new CanarySpec(
                                  SVC,
                                  Optional.of(ROUTE),
                                  CanarySpec.DEFAULT_STEPS,
                                  Duration.ofMinutes(2),
                                  Optional.of(
                                      new CanarySpec.Gates(
                                          Duration.ofSeconds(30),
                                          2,
                                          Duration.ofMinutes(1),
                                          50,
                                          0.01,
                                          Duration.ofMillis(200),
                                          CanarySpec.Queries.DEFAULT))))
                          .build());
                  return c.toBuilder().services(services).build();
                })
            .build();
    world.submit("/deploy gateway " + NEW_TAG + " --strategy canary");
    Reply.Problem e = world.awaitAnswer(Reply.Problem.class);
    assertThat(e.problem())
        .isEqualTo("gateway's canary has metric gates, but no metrics source is configured");
    assertThat(e.hint()).contains("prometheus: { url:");
    assertThat(world.cluster.canaryWrites()).isEmpty();
  }

  @Test
  void aMissingRouteIsRefusedBeforeAnythingChanges() {
    world =
        fixture(
            Optional.of(new CanarySpec.Route(CanarySpec.RouteKind.HTTP_ROUTE, "web")),
            Duration.ofMinutes(1));
    world.submit("/deploy gateway " + NEW_TAG);
    Reply.Problem e = world.awaitAnswer(Reply.Problem.class);
    assertThat(e.problem()).contains("HTTPRoute web not found");
    assertThat(world.cluster.blueGreenWrites()).isEmpty();
  }

  @Test
  void inProdTheCanaryWaitsForApprovalAndRunsWhenARelaseManagerApproves() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMillis(40));
    Target prodCanary = new Target("prod", "coachpilot", "coachpilot-gateway-canary", "gateway");
    world.cluster.service(EngineFixture.PROD, SVC, Map.of("app", "gateway"));
    world.cluster.route(EngineFixture.PROD, ROUTE, Map.of(SVC, 1));
    world.cluster.autoRollOut(prodCanary);
    world.cluster.autoRollOut(EngineFixture.PROD);

    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().state() == OperationState.PENDING_APPROVAL);
    world.react(EngineFixture.BOB, "✅", true);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.kind()).isEqualTo("canary");
    assertThat(world.cluster.current(EngineFixture.PROD).image()).isEqualTo(pinned(NEW_TAG));
  }

  @Test
  void cancelStopsARunningCanaryAtItsNextJudgementAndUndoesItsTraffic() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMinutes(10));
    world.submit("/deploy gateway " + NEW_TAG);
    awaitHold5Passing();
    long id = world.store.operations().get(0).id();

    world.submitAs(
        new dev.deckhand.commands.model.Actor("console", "mallory", "Mallory"),
        "/cancel " + id,
        "c1");
    Reply.Problem refused = world.awaitAnswer(Reply.Problem.class);
    assertThat(refused.problem()).isEqualTo("Mallory may not stop op " + id);
    assertThat(refused.hint()).contains("deploy:staging");

    world.submit("/cancel " + id);
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.CANCELLED);
    assertThat(step(done, "hold-5").detail()).isEqualTo("stopped by Alice");
    assertThat(step(done, "traffic-25").state()).isEqualTo(StepState.SKIPPED);
    assertThat(world.cluster.route(STAGING, ROUTE)).containsEntry("coachpilot-gateway-canary", 0);
    assertThat(world.cluster.current(CANARY).status().specReplicas()).isZero();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(texts())
        .contains(
            "Alice asked to stop op "
                + id
                + "; it stops at its next safe point and undoes what it started.",
            "Canary of gateway stopped by Alice.");
    assertThat(world.store.events("stop")).singleElement();
  }

  @Test
  void cancelStillLeavesARunningRollingDeployToFinish() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMinutes(10));
    world.cluster.noAutoRollOut(STAGING);
    world.submit("/deploy gateway " + NEW_TAG + " --strategy rolling");
    eventually().until(() -> world.cluster.watchers(STAGING) == 1);
    long id = world.store.operations().get(0).id();

    world.submit("/cancel " + id);
    Reply.Problem refused = world.awaitAnswer(Reply.Problem.class);
    assertThat(refused.problem()).contains("is already running; Deckhand does not stop");
    world.cluster.rollOut(STAGING);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void aRestartDuringAHoldJudgesThatHoldAgainAndSetsNothingTwice() throws Exception {
    world = fixture(Optional.of(ROUTE), Duration.ofMinutes(10));
    world.submit("/deploy gateway " + NEW_TAG);
    awaitHold5Passing();
    long id = world.store.operations().get(0).id();
    List<String> before = world.cluster.canaryWrites();
    world.close();
    world.cluster.forgetWatchers();

    metrics.queries.clear();
    world = builder(Optional.of(ROUTE), Duration.ofMinutes(10)).restartOf(world).build();
    awaitHold5Passing();

    assertThat(before)
        .containsExactly(
            "copy-service coachpilot-gateway-canary {app=gateway-canary,"
                + " deckhand.dev/track=canary}",
            "weight 5");
    assertThat(world.cluster.canaryWrites()).isEqualTo(before);
    assertThat(metrics.queries).isNotEmpty();
    OperationRecord now = world.store.operations().get(0);
    assertThat(now.state()).isEqualTo(OperationState.RUNNING);
    assertThat(step(now, "traffic-5").state()).isEqualTo(StepState.DONE);
    assertThat(step(now, "traffic-25").state()).isEqualTo(StepState.PENDING);
    assertThat(texts()).anyMatch(t -> t.contains("picked up op " + id));
  }

  /** Until hold-5 runs and its last judgement passed. */
  private void awaitHold5Passing() {
    eventually()
        .until(
            () ->
                world.store.operations().stream()
                    .anyMatch(
                        o ->
                            step(o, "hold-5").state() == StepState.RUNNING
                                && step(o, "hold-5").detail().startsWith("passed")));
  }
}
