package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static dev.deckhand.commands.engine.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.HealthProbe;
import dev.deckhand.commands.rollout.PodProblem;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blue-green deploys, {@code /switch-back} and {@code /finish} on the fakes: the Service selector
 * moves only after the idle colour is ready and healthy, a failure before the switch deletes the
 * idle colour, and the two follow-ups are refused when there is nothing to do.
 */
class BlueGreenKindTest {
  private static final String SVC = "coachpilot-gateway";
  private static final String KEY = "deckhand.dev/colour";
  private static final Target GREEN =
      new Target("staging", "coachpilot", "coachpilot-gateway-green", "gateway");
  private static final Target BLUE =
      new Target("staging", "coachpilot", "coachpilot-gateway-blue", "gateway");

  /** Reaches whichever deployment it is expanded for, as a Service per colour would. */
  private static final String BY_DEPLOYMENT = "http://{deployment}.{namespace}.test/healthz";

  /** Reaches the Service the switch moves: always the live colour. */
  private static final String BY_SERVICE = "http://{service}.{namespace}.test/healthz";

  private EngineFixture world = fixture(Strategy.ROLLING, true);

  private static EngineFixture fixture(Strategy strategy, boolean section) {
    return fixture(strategy, section, List.of(BY_DEPLOYMENT));
  }

  private static HealthCheck check(String template) {
    return new HealthCheck(
            URI.create("http://unexpanded.test/"),
            200,
            Duration.ofSeconds(1),
            1,
            Map.of(),
            1,
            null,
            template)
        .at("staging", STAGING, SVC);
  }

  private static EngineFixture fixture(Strategy strategy, boolean section, List<String> templates) {
    EngineFixture w =
        EngineFixture.builder()
            .role(
                new RoleSpec(
                    "switchers",
                    Map.of("console", List.of("alice")),
                    List.of("switch-back:*", "finish:*", "status:*")))
            .edit(
                c -> {
                  Map<String, ServiceSpec> services = new LinkedHashMap<>(c.services());
                  services.put(
                      "gateway",
                      c.services().get("gateway").toBuilder()
                          .strategy(strategy)
                          .verify(
                              Map.of(
                                  "staging",
                                  templates.stream().map(BlueGreenKindTest::check).toList()))
                          .blueGreen(
                              section ? new BlueGreenSpec(SVC, Duration.ofMinutes(30)) : null)
                          .build());
                  return c.toBuilder().services(services).build();
                })
            .build();
    w.cluster.service(STAGING, SVC, Map.of("app", "gateway"));
    return w;
  }

  @AfterEach
  void close() {
    world.close();
  }

  private OperationRecord deployGreen() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --strategy blue-green");
    eventually().until(() -> world.cluster.watchers(GREEN) == 1);
    assertThat(world.cluster.selector(STAGING, SVC)).doesNotContainKey(KEY);
    world.cluster.rollOut(GREEN);
    return world.awaitFinished();
  }

  @Test
  void switchesTheSelectorOnlyAfterGreenIsReadyAndHealthy() throws Exception {
    OperationRecord done = deployGreen();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.kind()).isEqualTo("blue-green");
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly(
            "preflight=done",
            "resolve=done",
            "create-idle=done",
            "idle-rollout=done",
            "verify=done",
            "switch=done",
            "hold=done",
            "discard-idle=skipped");
    assertThat(world.cluster.blueGreenWrites())
        .containsExactly(
            "copy coachpilot-gateway-green " + pinned(NEW_TAG) + " {" + KEY + "=green}",
            "select green");
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "green");
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(world.cluster.current(STAGING).status().specReplicas()).isEqualTo(3);
    assertThat(world.cluster.current(GREEN).status().specReplicas()).isEqualTo(3);
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(step(done, "hold").detail()).contains("/switch-back gateway");
    assertThat(world.store.timeline().get(0).newImage()).isEqualTo(pinned(NEW_TAG));
  }

  @Test
  void theHealthChecksReachGreenThroughItsDeploymentBeforeTheSwitch() throws Exception {
    world.close();
    world = fixture(Strategy.ROLLING, true, List.of(BY_DEPLOYMENT, BY_SERVICE));
    world.submit("/deploy gateway " + NEW_TAG + " --strategy blue-green --dry-run");
    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(plan.lines().subList(1, 3))
        .containsExactly(
            "strategy: blue-green — typed with --strategy (the catalog's is rolling)",
            "advice: blue-green fits (it has a blue-green: section, an instant switch back)");
    assertThat(plan.lines())
        .contains(
            "5. verify the health of green (coachpilot-gateway-green) (1 check; 1 cannot reach"
                + " it)");

    OperationRecord done = deployGreen();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.probe.calls())
        .containsExactly(URI.create("http://coachpilot-gateway-green.coachpilot.test/healthz"));
    assertThat(step(done, "verify").detail())
        .isEqualTo(
            "healthy; 1 check's URL does not name {deployment}, so it reaches the live colour,"
                + " not green (coachpilot-gateway-green); not run");
  }

  @Test
  void withoutACheckNamingTheDeploymentOnlyReadinessIsCheckedAndTheStepSaysSo() throws Exception {
    world.close();
    world = fixture(Strategy.ROLLING, true, List.of(BY_SERVICE));

    OperationRecord done = deployGreen();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.probe.calls()).isEmpty();
    assertThat(step(done, "verify").state().word()).isEqualTo("skipped");
    assertThat(step(done, "verify").detail())
        .contains("does not name {deployment}")
        .contains("only the readiness of its pods was checked");
  }

  @Test
  void theServicesStrategyMakesAPlainDeployBlueGreen() throws Exception {
    world.close();
    world = fixture(Strategy.BLUE_GREEN, true);
    world.submit("/deploy gateway " + NEW_TAG);
    eventually().until(() -> world.cluster.watchers(GREEN) == 1);
    world.cluster.rollOut(GREEN);
    assertThat(world.awaitFinished().kind()).isEqualTo("blue-green");
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "green");
  }

  @Test
  void aCrashingGreenIsDeletedAndNeverGetsTraffic() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --strategy blue-green");
    eventually().until(() -> world.cluster.watchers(GREEN) == 1);
    world.cluster.failPod(
        GREEN,
        new PodProblem("coachpilot-gateway-green-1", "gateway", "CrashLoopBackOff", "exit 1", 3));

    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(step(done, "switch").state().word()).isNotEqualTo("done");
    assertThat(step(done, "discard-idle").detail())
        .isEqualTo(
            "deleted coachpilot-gateway-green; the traffic stayed on blue (coachpilot-gateway)");
    assertThat(world.cluster.find(GREEN)).isEmpty();
    assertThat(world.cluster.selector(STAGING, SVC)).isEqualTo(Map.of("app", "gateway"));
    assertThat(world.cluster.blueGreenWrites()).noneMatch(w -> w.startsWith("select"));
  }

  @Test
  void anUnhealthyGreenIsDeletedBeforeTheSwitch() throws Exception {
    world.probe.answer(new HealthProbe.Result(false, "503 Service Unavailable"));
    OperationRecord done = deployGreen();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(step(done, "verify").detail())
        .startsWith("http://coachpilot-gateway-green.coachpilot.test/healthz: 503");
    assertThat(world.cluster.find(GREEN)).isEmpty();
    assertThat(world.cluster.selector(STAGING, SVC)).doesNotContainKey(KEY);
  }

  @Test
  void switchBackRestoresBlueAndFinishScalesItDown() throws Exception {
    deployGreen();

    world.submit("/switch-back gateway");
    eventually().until(() -> !world.cluster.selector(STAGING, SVC).containsKey(KEY));
    eventually()
        .until(
            () ->
                world.store.operations().size() == 2
                    && world.store.operations().get(1).state().isFinal());
    assertThat(world.store.operations().get(1).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.selector(STAGING, SVC)).isEqualTo(Map.of("app", "gateway"));

    world.submit("/switch-back gateway");
    Reply.Problem nothing = world.awaitAnswer(Reply.Problem.class);
    assertThat(nothing.problem()).startsWith("nothing to switch back to");
  }

  @Test
  void finishScalesThePreviousColourToZero() throws Exception {
    deployGreen();

    world.submit("/finish gateway");
    eventually()
        .until(
            () ->
                world.store.operations().size() == 2
                    && world.store.operations().get(1).state().isFinal());
    assertThat(world.store.operations().get(1).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.current(STAGING).status().specReplicas()).isZero();
    assertThat(world.cluster.current(GREEN).status().specReplicas()).isEqualTo(3);
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "green");

    world.submit("/finish gateway");
    Reply.Problem nothing = world.awaitAnswer(Reply.Problem.class);
    assertThat(nothing.problem()).startsWith("nothing to finish");
  }

  @Test
  void verifyChecksTheLiveColourAfterTheSwitch() throws Exception {
    deployGreen();
    int before = world.probe.calls().size();

    world.submit("/verify gateway");
    Reply.Text answer = world.awaitAnswer(Reply.Text.class);

    assertThat(answer.text())
        .isEqualTo(
            "gateway in staging (traffic on green (coachpilot-gateway-green)) is healthy: 1 check"
                + " passed.");
    assertThat(world.probe.calls().subList(before, world.probe.calls().size()))
        .containsExactly(URI.create("http://coachpilot-gateway-green.coachpilot.test/healthz"));
  }

  @Test
  void aRollingDeployIsRefusedWhileTheTrafficIsOnAColour() throws Exception {
    deployGreen();

    world.submit("/deploy gateway p10e-mmc-20260520-e1-quiz --strategy rolling");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);

    assertThat(p.problem())
        .isEqualTo(
            "gateway in staging sends its traffic to green (coachpilot-gateway-green); a rolling"
                + " deploy changes coachpilot-gateway, which has none");
    assertThat(p.hint())
        .isEqualTo("/deploy gateway <tag> --strategy blue-green --env staging instead");
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void theNextDeployGoesToBlueAfterFinish() throws Exception {
    deployGreen();
    world.submit("/finish gateway");
    eventually()
        .until(
            () ->
                world.store.operations().size() == 2
                    && world.store.operations().get(1).state().isFinal());

    world.submit("/deploy gateway p10e-mmc-20260520-e1-quiz --strategy blue-green");
    eventually().until(() -> world.cluster.watchers(BLUE) == 1);
    world.cluster.rollOut(BLUE);
    eventually()
        .until(
            () ->
                world.store.operations().size() == 3
                    && world.store.operations().get(2).state().isFinal());
    assertThat(world.store.operations().get(2).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "blue");
  }

  @Test
  void refusesANewDeployWhileTheLastSwitchIsHeld() throws Exception {
    deployGreen();

    world.submit("/deploy gateway p10e-mmc-20260520-e1-quiz --strategy blue-green");
    Reply.Problem held = world.awaitAnswer(Reply.Problem.class);
    assertThat(held.problem()).contains("still keeps blue (coachpilot-gateway)");
    assertThat(held.hint()).startsWith("/finish gateway");
  }

  @Test
  void refusesBlueGreenForAServiceWithoutASection() {
    world.close();
    world = fixture(Strategy.ROLLING, false);
    world.submit("/deploy gateway " + NEW_TAG + " --strategy blue-green");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("gateway has no blue-green section in the catalog");
    assertThat(p.hint()).contains("--strategy rolling");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void refusesSwitchBackAndFinishBeforeAnySwitch() {
    world.submit("/switch-back gateway");
    assertThat(world.awaitAnswer(Reply.Problem.class).problem())
        .isEqualTo(
            "nothing to switch back to: Service coachpilot-gateway sends the traffic to blue"
                + " (coachpilot-gateway), the first colour");
    assertThat(world.store.operations()).isEmpty();
  }

  /** A blue-green deploy stored as running at {@code steps}, as a killed bot leaves it. */
  private long interrupted(List<dev.deckhand.commands.operation.StepRecord> steps) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("summary", "deploy gateway " + NEW_TAG + " (blue-green)");
    p.put("service", "gateway");
    p.put("environment", "staging");
    p.put("cluster", STAGING.cluster());
    p.put("namespace", STAGING.namespace());
    p.put("deployment", STAGING.deployment());
    p.put("container", STAGING.container());
    p.put("image", pinned(NEW_TAG));
    p.put("kubeService", SVC);
    p.put("live", "");
    p.put("idle", "green");
    p.put("beforeImage", pinned(RUNNING_TAG));
    p.put("replicas", "3");
    p.put("hold", "PT30M");
    p.put("planHash", "hash");
    p.put("breakGlass", "");
    long op =
        world.store.create(
            "blue-green",
            EngineFixture.ALICE,
            "gateway",
            "staging",
            "/deploy gateway x --strategy blue-green",
            OperationState.RUNNING,
            steps,
            world.chat.id(),
            p);
    world.store.attachMessage(op, "m-before");
    world.policy.acquire(
        new dev.deckhand.commands.ports.LockStore.Lock(
            "gateway",
            "staging",
            EngineFixture.ALICE,
            p.get("summary"),
            op,
            "dead",
            java.time.Instant.EPOCH));
    return op;
  }

  private static List<dev.deckhand.commands.operation.StepRecord> steps(String... states) {
    String[] names = {
      "preflight",
      "resolve",
      "create-idle",
      "idle-rollout",
      "verify",
      "switch",
      "hold",
      "discard-idle"
    };
    List<dev.deckhand.commands.operation.StepRecord> list = new java.util.ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      list.add(
          new dev.deckhand.commands.operation.StepRecord(
              names[i],
              names[i],
              dev.deckhand.commands.operation.StepState.valueOf(
                  i < states.length ? states[i] : "PENDING"),
              ""));
    }
    return list;
  }

  private void greenExists() {
    world.cluster.copyDeployment(
        STAGING, GREEN.deployment(), Map.of(KEY, "green"), pinned(NEW_TAG), 3);
    world.cluster.rollOut(GREEN);
  }

  @Test
  void aRestartDuringTheSwitchSetsTheSameColourAgainAndSucceeds() {
    greenExists();
    world.cluster.service(STAGING, SVC, Map.of("app", "gateway", KEY, "green"));
    interrupted(steps("DONE", "DONE", "DONE", "DONE", "DONE", "RUNNING"));

    assertThat(world.engine.resume()).isEqualTo(1);
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "green");
    assertThat(world.cluster.blueGreenWrites()).filteredOn(w -> w.startsWith("delete")).isEmpty();
    assertThat(world.cluster.find(GREEN)).isPresent();
  }

  @Test
  void aRestartDuringTheRolloutWatchesGreenAgainBeforeSwitching() {
    world.cluster.copyDeployment(
        STAGING, GREEN.deployment(), Map.of(KEY, "green"), pinned(NEW_TAG), 3);
    interrupted(steps("DONE", "DONE", "DONE", "RUNNING"));

    assertThat(world.engine.resume()).isEqualTo(1);
    eventually().until(() -> world.cluster.watchers(GREEN) == 1);
    assertThat(world.cluster.selector(STAGING, SVC)).doesNotContainKey(KEY);
    world.cluster.rollOut(GREEN);
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "green");
    assertThat(world.cluster.blueGreenWrites()).filteredOn(w -> w.startsWith("copy")).hasSize(1);
  }

  @Test
  void aRestartAfterARecordedFailureDeletesGreenAndNeverSwitches() {
    world.cluster.copyDeployment(
        STAGING, GREEN.deployment(), Map.of(KEY, "green"), pinned(NEW_TAG), 3);
    interrupted(steps("DONE", "DONE", "DONE", "FAILED"));

    assertThat(world.engine.resume()).isEqualTo(1);
    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    assertThat(world.cluster.find(GREEN)).isEmpty();
    assertThat(world.cluster.selector(STAGING, SVC)).isEqualTo(Map.of("app", "gateway"));
    assertThat(world.cluster.blueGreenWrites()).noneMatch(w -> w.startsWith("select"));
  }
}
