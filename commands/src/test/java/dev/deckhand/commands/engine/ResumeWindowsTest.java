package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.TestSources;
import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.manifest.Manifest;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that repeat on resume ({@code Step.Resume.REPEAT}), each cut by a kill while its call was
 * in flight, after the cluster or the receiver took it: the fresh engine makes the call once more
 * (the writes are idempotent), finishes the operation once and leaves no lock behind.
 */
class ResumeWindowsTest {
  private final Hang kill = new Hang();
  private EngineFixture first;
  private EngineFixture second;

  @TempDir Path dir;

  @AfterEach
  void close() {
    kill.release();
    for (EngineFixture world : new EngineFixture[] {first, second}) {
      if (world != null) {
        world.close();
      }
    }
  }

  @Test
  void anApplyKilledAfterTheServerTookTheManifestsAppliesThemOnceMoreAndSucceeds()
      throws Exception {
    Files.writeString(dir.resolve("10-config.yml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve("20-service.yaml"), "kind: Service\n");
    EngineFixture.Builder fixture =
        EngineFixture.builder()
            .healthAttempts(0)
            .role(new RoleSpec("appliers", Map.of("console", List.of("alice")), List.of("apply:*")))
            .bundleDir(dir);
    first = fixture.build();
    first.cluster.afterWrite(kill);
    first.submit("/apply edge --env staging");
    eventually().until(kill::reached);
    die(first);

    second = fixture.restartOf(first).build();
    OperationRecord done = second.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(done, "apply").detail()).isEqualTo("applied: 2 to create");
    assertThat(second.cluster.manifestApplies())
        .hasSize(2)
        .allSatisfy(
            files ->
                assertThat(files.stream().map(Manifest::file))
                    .containsExactly("10-config.yml", "20-service.yaml"));
    assertThat(second.store.events("result")).hasSize(1);
    assertThat(second.policy.holder("edge", "staging")).isEmpty();
  }

  @Test
  void aConfigUpdateKilledAfterTheConfigMapWasWrittenWritesItOnceMoreAndRestartsOnce()
      throws Exception {
    TestSources.Gateway sources = TestSources.Gateway.defaults();
    EngineFixture.Builder fixture =
        EngineFixture.builder()
            .healthAttempts(0)
            .gatewayConfig(sources)
            .role(
                new RoleSpec(
                    "config-keepers",
                    Map.of("console", List.of("alice")),
                    List.of("config-update:*")));
    first = fixture.build();
    first.cluster.configMapData(STAGING, "gateway-env", Map.of("LOG_LEVEL", "debug"));
    first.cluster.afterWrite(kill);
    first.submit("/config-update gateway --env staging");
    eventually().until(kill::reached);
    die(first);

    second = fixture.restartOf(first).build();
    eventually().until(() -> second.cluster.watchers(STAGING) == 1);
    second.cluster.rollOut(STAGING);
    OperationRecord done = second.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(second.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly(
            "configmap gateway-env", "configmap gateway-env", "restart 2026-05-19T10:00:00Z");
    assertThat(second.cluster.configMapData(STAGING, "gateway-env"))
        .isEqualTo(sources.staging().read());
    assertThat(second.store.events("result")).hasSize(1);
    assertThat(second.policy.holder("gateway", "staging")).isEmpty();
  }

  @Test
  void aDeployKilledWhileItsHookWasCalledCallsItOnceMoreAndNeverRollsBack() throws Exception {
    Hook purge =
        new Hook(
            "purge-cdn",
            "POST",
            "https://cdn.test/zones/{env}/purge",
            Map.of(),
            "{\"service\":\"{service}\"}",
            3,
            Set.of());
    EngineFixture.Builder fixture = EngineFixture.builder().healthAttempts(0).hooks(List.of(purge));
    first = fixture.build();
    first.webhooks.onCall(kill);
    first.submit("/deploy gateway " + NEW_TAG + " --env staging");
    first.awaitSetImage();
    first.cluster.rollOut(STAGING);
    eventually().until(kill::reached);
    die(first);

    second = fixture.restartOf(first).build();
    OperationRecord done = second.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(done, "hooks").state()).isEqualTo(StepState.DONE);
    assertThat(EngineFixture.step(done, "hooks").detail()).isEqualTo("✓ purge-cdn: answered 200");
    assertThat(second.webhooks.calls()).hasSize(2);
    assertThat(second.cluster.setImages()).hasSize(1);
    assertThat(second.cluster.undos()).isEmpty();
    assertThat(second.cluster.current(STAGING).image()).isEqualTo(pinned(NEW_TAG));
    assertThat(second.store.events("result")).hasSize(1);
    assertThat(second.policy.holder("gateway", "staging")).isEmpty();
  }

  /** A kill -9: the engine's threads stop, its informers are gone with it. */
  private static void die(EngineFixture world) {
    world.close();
    world.cluster.forgetWatchers();
  }
}
