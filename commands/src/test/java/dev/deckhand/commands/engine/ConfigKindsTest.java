package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.PROD;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.TestSources;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /config-update} and {@code /secret-update} against the fakes. */
class ConfigKindsTest {
  private static final String NEW_TOKEN = "token-value-one";

  private final TestSources.Gateway sources = TestSources.Gateway.defaults();
  private EngineFixture world = fixture().build();

  private EngineFixture.Builder fixture() {
    return EngineFixture.builder()
        .healthAttempts(0)
        .gatewayConfig(sources)
        .role(
            new RoleSpec(
                "config-keepers",
                Map.of("console", List.of("alice")),
                List.of("config-update:*", "secret-update:*")));
  }

  @AfterEach
  void close() {
    world.close();
  }

  private static Map<String, String> live() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("LOG_LEVEL", "debug");
    m.put("OLD_FLAG", "1");
    m.put("DB_PASSWORD", "s3cret-old");
    return m;
  }

  @Test
  void aConfigUpdateShowsTheKeyDiffWithSecretValuesHashedAppliesAndRestarts() throws Exception {
    world.cluster.configMapData(STAGING, "gateway-env", live());
    world.submit("/config-update gateway --env staging");
    awaitRolloutWatched();
    assertThat(world.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly("configmap gateway-env", "restart 2026-05-19T10:00:00Z");
    assertThat(world.cluster.configMapData(STAGING, "gateway-env"))
        .isEqualTo(sources.staging().read());
    world.cluster.rollOut(STAGING);

    OperationRecord done = world.awaitFinished();
    assertThat(done.kind()).isEqualTo("config-update");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly(
            "preflight=done", "diff=done", "apply=done", "restart=done", "rollout=done");
    String diff = EngineFixture.step(done, "diff").detail();
    assertThat(diff)
        .isEqualTo(
            "1 added, 2 changed, 1 removed: ~ DB_PASSWORD ("
                + Fingerprint.shown(Fingerprint.of("s3cret-old"))
                + " → "
                + Fingerprint.shown(Fingerprint.of("s3cret-staging"))
                + "); + FEATURE_X=off; ~ LOG_LEVEL: debug → info; − OLD_FLAG");
    assertThat(world.chat.shown().toString()).contains(diff).doesNotContain("s3cret");
    assertThat(world.store.params(done.id()).toString()).doesNotContain("s3cret");
  }

  @Test
  void aMissingConfigMapIsCreatedWithEveryKeyAdded() throws Exception {
    world.submit("/config-update gateway --env staging");
    eventually().until(() -> world.cluster.watchers(STAGING) == 1);
    world.cluster.rollOut(STAGING);
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(done, "diff").detail()).startsWith("new ConfigMap; 3 added");
    assertThat(world.cluster.configMapData(STAGING, "gateway-env")).containsKeys("FEATURE_X");
  }

  @Test
  void aConfigMapThatAlreadyHoldsTheFileIsNothingToDo() {
    world.cluster.configMapData(STAGING, "gateway-env", sources.staging().read());
    world.submit("/config-update gateway --env staging");
    Reply.Text t = world.awaitAnswer(Reply.Text.class);
    assertThat(t.text())
        .isEqualTo(
            "ConfigMap gateway-env of gateway in staging already holds what"
                + " env-file:config/gateway.staging.env says; nothing to do.");
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.cluster.patches()).isEmpty();
  }

  @Test
  void anUnreadableSourceIsRefusedWithWhatToFix() {
    sources.staging().fail("file config/gateway.staging.env does not exist");
    world.submit("/config-update gateway --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo(
            "cannot read the data of ConfigMap gateway-env"
                + " (env-file:config/gateway.staging.env): file config/gateway.staging.env does not"
                + " exist");
    assertThat(p.hint()).contains("fix the source");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void aDryRunShowsTheDiffAndChangesNothing() {
    world.cluster.configMapData(STAGING, "gateway-env", live());
    world.submit("/config-update gateway --env staging --dry-run");
    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(String.join("\n", plan.lines()))
        .contains("compare ConfigMap gateway-env with env-file:config/gateway.staging.env")
        .contains("+ FEATURE_X=off")
        .contains("apply ConfigMap coachpilot/gateway-env")
        .contains("dry run: nothing was changed");
    assertThat(world.cluster.patches()).isEmpty();
  }

  @Test
  void inProdItWaitsForApprovalAndAFileEditedMeanwhileVoidsTheVotes() {
    world.submit("/config-update gateway --env prod");
    awaitRequest();
    sources.prod().set(Map.of("LOG_LEVEL", "error"));
    approve("a1");
    eventually()
        .until(() -> world.chat.threads().toString().contains("the votes given so far are void"));
    assertThat(world.cluster.patches()).isEmpty();
    assertThat(state(0)).isEqualTo(OperationState.PENDING_APPROVAL);

    approve("a2");
    eventually().until(() -> world.cluster.watchers(PROD) == 1);
    assertThat(world.cluster.configMapData(PROD, "gateway-env"))
        .isEqualTo(Map.of("LOG_LEVEL", "error"));
    world.cluster.rollOut(PROD);
    eventually().until(() -> state(0) == OperationState.SUCCEEDED);
  }

  @Test
  void aFileEditedBetweenPlanAndRunIsNotApplied() throws Exception {
    afterThePlanRead(() -> sources.staging().set(Map.of("LOG_LEVEL", "trace")));
    world.submit("/config-update gateway --env staging");
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(EngineFixture.step(done, "apply").detail())
        .isEqualTo(
            "env-file:config/gateway.staging.env changed since the plan was made; nothing"
                + " applied. Run /config-update again");
    assertThat(world.cluster.patches()).isEmpty();
  }

  @Test
  void aSecretUpdateShowsOnlyHashesSetsTheKeyAndRestarts() throws Exception {
    world.cluster.secretData(
        STAGING, "gateway-secrets", Map.of("API_TOKEN", "token-value-zero", "OTHER", "kept"));
    world.submit("/secret-update gateway API_TOKEN --env staging");
    awaitRolloutWatched();
    world.cluster.rollOut(STAGING);

    OperationRecord done = world.awaitFinished();
    assertThat(done.kind()).isEqualTo("secret-update");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly("secret gateway-secrets API_TOKEN", "restart 2026-05-19T10:00:00Z");
    assertThat(world.cluster.secretData(STAGING, "gateway-secrets"))
        .isEqualTo(Map.of("API_TOKEN", NEW_TOKEN, "OTHER", "kept"));
    assertThat(EngineFixture.step(done, "compare").detail())
        .isEqualTo(
            "API_TOKEN ("
                + Fingerprint.shown(Fingerprint.of("token-value-zero"))
                + " → "
                + Fingerprint.shown(Fingerprint.of(NEW_TOKEN))
                + ")");
    assertThat(world.chat.shown().summary()).isEqualTo("secret-update API_TOKEN of gateway");
    // the summary is not mistaken for a "KEY: value" pair by the redactor
    assertThat(world.store.events("result"))
        .extracting(AuditLog.Event::detail)
        .containsExactly("secret-update API_TOKEN of gateway: succeeded");
    assertNowhere(done, NEW_TOKEN);
    assertNowhere(done, "token-value-zero");
  }

  @Test
  void aSecretUpdateInProdAlwaysWaitsForApproval() {
    world.submit("/secret-update gateway API_TOKEN --env prod");
    awaitRequest();
    assertThat(world.cluster.patches()).isEmpty();
    approve("a3");
    eventually().until(() -> world.cluster.watchers(PROD) == 1);
    assertThat(world.cluster.secretData(PROD, "gateway-secrets"))
        .isEqualTo(Map.of("API_TOKEN", NEW_TOKEN));
    world.cluster.rollOut(PROD);
    eventually().until(() -> state(0) == OperationState.SUCCEEDED);
  }

  @Test
  void aValueThatChangedAfterThePlanIsRefused() throws Exception {
    afterThePlanRead(() -> sources.apiToken().set("token-value-two"));
    world.submit("/secret-update gateway API_TOKEN --env staging");
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(EngineFixture.step(done, "set-key").detail())
        .isEqualTo(
            "the value changed since the plan was approved; run /secret-update gateway"
                + " API_TOKEN again");
    assertThat(world.cluster.patches()).isEmpty();
    assertNowhere(done, "token-value-two");
  }

  @Test
  void aSecretAlreadyHoldingTheValueIsNothingToDo() {
    world.cluster.secretData(STAGING, "gateway-secrets", Map.of("API_TOKEN", NEW_TOKEN));
    world.submit("/secret-update gateway API_TOKEN --env staging");
    Reply.Text t = world.awaitAnswer(Reply.Text.class);
    assertThat(t.text())
        .startsWith(
            "API_TOKEN of Secret gateway-secrets in staging already holds the value of"
                + " env:GATEWAY_API_TOKEN (sha256:")
        .doesNotContain(NEW_TOKEN);
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void anUnsetVariableIsRefusedWithoutAnOperation() {
    sources.apiToken().fail("environment variable GATEWAY_API_TOKEN is not set");
    world.submit("/secret-update gateway API_TOKEN --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo(
            "cannot read the new value of API_TOKEN (env:GATEWAY_API_TOKEN): environment"
                + " variable GATEWAY_API_TOKEN is not set");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void aRestartDuringTheRolloutWatchesItAgainWithoutApplyingOrRestartingTwice() throws Exception {
    world.cluster.configMapData(STAGING, "gateway-env", live());
    world.submit("/config-update gateway --env staging");
    restartDuringTheRollout();
    assertThat(world.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly("configmap gateway-env", "restart 2026-05-19T10:00:00Z");
  }

  @Test
  void aSecretUpdateResumedDuringTheRolloutSetsNothingAgain() throws Exception {
    world.submit("/secret-update gateway TLS_KEY --env staging");
    restartDuringTheRollout();
    assertThat(world.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly("secret gateway-secrets TLS_KEY", "restart 2026-05-19T10:00:00Z");
    assertThat(world.cluster.secretData(STAGING, "gateway-secrets"))
        .isEqualTo(Map.of("TLS_KEY", "tls-key-value"));
  }

  /** Waits until the change and the restart are applied and the rollout is watched. */
  private void awaitRolloutWatched() {
    eventually()
        .until(() -> world.cluster.patches().size() == 2 && world.cluster.watchers(STAGING) == 1);
  }

  /**
   * With the change and the restart applied, Deckhand restarts during the rollout; the rollout then
   * completes and the resumed operation succeeds.
   */
  private void restartDuringTheRollout() {
    awaitRolloutWatched();
    world.close();
    world.cluster.forgetWatchers();

    world = fixture().restartOf(world).build();
    eventually().until(() -> world.cluster.watchers(STAGING) == 1);
    world.cluster.rollOut(STAGING);
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
  }

  /** Runs {@code edit} right after the first read of the cluster's config (the plan's). */
  private void afterThePlanRead(Runnable edit) {
    AtomicInteger reads = new AtomicInteger();
    world.cluster.onConfigRead(
        () -> {
          if (reads.incrementAndGet() == 1) {
            edit.run();
          }
        });
  }

  /** The value appears in no stored parameter, step, audit row, timeline entry or chat post. */
  private void assertNowhere(OperationRecord op, String value) {
    assertThat(world.store.params(op.id()).toString()).doesNotContain(value);
    assertThat(op.steps().toString()).doesNotContain(value);
    assertThat(world.store.recent("gateway", 100).toString()).doesNotContain(value);
    assertThat(world.store.timeline().toString()).doesNotContain(value);
    assertThat(world.chat.posts().toString()).doesNotContain(value);
    assertThat(world.chat.answers().toString()).doesNotContain(value);
  }

  /** Bob approves the first operation by command (a reaction could race the request's post). */
  private void approve(String delivery) {
    world.submitAs(BOB, "/approve " + world.store.operations().get(0).id(), delivery);
  }

  /** Waits until the first operation waits for approval and its request is posted. */
  private void awaitRequest() {
    eventually()
        .until(
            () ->
                state(0) == OperationState.PENDING_APPROVAL
                    && world.chat.posts().stream()
                        .anyMatch(p -> p.reply() instanceof Reply.Operation));
  }

  private OperationState state(int i) {
    List<OperationRecord> ops = world.store.operations();
    return ops.size() <= i ? null : ops.get(i).state();
  }
}
