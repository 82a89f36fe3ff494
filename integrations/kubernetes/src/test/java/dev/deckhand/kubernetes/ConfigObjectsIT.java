package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ConfigMaps and Secrets through {@link KubernetesClusters} against kube-sim. */
class ConfigObjectsIT {
  private static final String NS = "coachpilot";

  @TempDir static Path dir;
  private static SimWorld world;

  @BeforeAll
  static void start() throws IOException {
    world = SimWorld.start(dir, Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static Target target() {
    return new Target(SimWorld.CLUSTER, NS, "coachpilot-gateway", "gateway");
  }

  @Test
  void aConfigMapIsCreatedThenItsDataReplacedKeepingItsLabels() {
    Target t = target();
    assertThat(world.clusters.configMap(t, "gateway-env")).isEmpty();

    world.clusters.applyConfigMap(t, "gateway-env", Map.of("LOG_LEVEL", "info", "OLD", "1"));
    assertThat(world.clusters.configMap(t, "gateway-env"))
        .contains(Map.of("LOG_LEVEL", "info", "OLD", "1"));
    world
        .k8s()
        .configMaps()
        .inNamespace(NS)
        .withName("gateway-env")
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .addToLabels("team", "web")
                    .endMetadata()
                    .build());

    world.clusters.applyConfigMap(t, "gateway-env", Map.of("LOG_LEVEL", "debug", "NEW", "x"));
    ConfigMap live = world.k8s().configMaps().inNamespace(NS).withName("gateway-env").get();
    assertThat(live.getData()).isEqualTo(Map.of("LOG_LEVEL", "debug", "NEW", "x"));
    assertThat(live.getMetadata().getLabels())
        .containsEntry("team", "web")
        .containsEntry(ConfigObjects.MANAGED_BY, "deckhand");
    // idempotent
    world.clusters.applyConfigMap(t, "gateway-env", Map.of("LOG_LEVEL", "debug", "NEW", "x"));
    assertThat(world.clusters.configMap(t, "gateway-env"))
        .contains(Map.of("LOG_LEVEL", "debug", "NEW", "x"));
  }

  @Test
  void secretKeysAreReadOnlyAsFingerprintsAndSetKeepingOtherKeys() {
    Target t = target();
    assertThat(world.clusters.secretFingerprints(t, "gateway-secrets")).isEmpty();
    world
        .k8s()
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gateway-secrets")
                .withNamespace(NS)
                .endMetadata()
                .withType("Opaque")
                .addToData("API_TOKEN", b64("old-token"))
                .addToData("OTHER", b64("kept"))
                .build())
        .create();
    assertThat(world.clusters.secretFingerprints(t, "gateway-secrets"))
        .contains(
            Map.of("API_TOKEN", Fingerprint.of("old-token"), "OTHER", Fingerprint.of("kept")));

    world.clusters.setSecretKeys(t, "gateway-secrets", Map.of("API_TOKEN", "new-token"));
    Secret live = world.k8s().secrets().inNamespace(NS).withName("gateway-secrets").get();
    assertThat(live.getData())
        .isEqualTo(Map.of("API_TOKEN", b64("new-token"), "OTHER", b64("kept")));
    assertThat(world.clusters.secretFingerprints(t, "gateway-secrets").orElseThrow())
        .containsEntry("API_TOKEN", Fingerprint.of("new-token"));
  }

  @Test
  void aMissingSecretIsCreatedOpaque() {
    Target t = target();
    world.clusters.setSecretKeys(t, "fresh-secrets", Map.of("TLS_KEY", "key-bytes"));
    Secret live = world.k8s().secrets().inNamespace(NS).withName("fresh-secrets").get();
    assertThat(live.getType()).isEqualTo("Opaque");
    assertThat(live.getData()).isEqualTo(Map.of("TLS_KEY", b64("key-bytes")));
  }

  @Test
  void anUnknownClusterIsAClusterError() {
    Target elsewhere = new Target("nowhere", NS, "x", "x");
    assertThatThrownBy(() -> world.clusters.configMap(elsewhere, "gateway-env"))
        .isInstanceOf(ClusterException.class);
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
