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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConfigMaps and Secrets through {@link KubernetesClusters} against kube-sim. */
class ConfigObjectsIT {
  private static final String NS = "coachpilot";

  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(100));

  private static Target target() {
    return new Target(SimWorld.CLUSTER, NS, "coachpilot-gateway", "gateway");
  }

  @Test
  void aConfigMapIsCreatedThenItsDataReplacedKeepingItsLabels() {
    Target t = target();
    assertThat(kube.clusters().configMap(t, "gateway-env")).isEmpty();

    kube.clusters().applyConfigMap(t, "gateway-env", Map.of("LOG_LEVEL", "info", "OLD", "1"));
    assertThat(kube.clusters().configMap(t, "gateway-env"))
        .contains(Map.of("LOG_LEVEL", "info", "OLD", "1"));
    kube.k8s()
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

    kube.clusters().applyConfigMap(t, "gateway-env", Map.of("LOG_LEVEL", "debug", "NEW", "x"));
    ConfigMap live = kube.k8s().configMaps().inNamespace(NS).withName("gateway-env").get();
    assertThat(live.getData()).isEqualTo(Map.of("LOG_LEVEL", "debug", "NEW", "x"));
    assertThat(live.getMetadata().getLabels())
        .containsEntry("team", "web")
        .containsEntry(ConfigObjects.MANAGED_BY, "deckhand");
    // idempotent
    kube.clusters().applyConfigMap(t, "gateway-env", Map.of("LOG_LEVEL", "debug", "NEW", "x"));
    assertThat(kube.clusters().configMap(t, "gateway-env"))
        .contains(Map.of("LOG_LEVEL", "debug", "NEW", "x"));
  }

  @Test
  void secretKeysAreReadOnlyAsFingerprintsAndSetKeepingOtherKeys() {
    Target t = target();
    assertThat(kube.clusters().secretFingerprints(t, "gateway-secrets")).isEmpty();
    kube.k8s()
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
    assertThat(kube.clusters().secretFingerprints(t, "gateway-secrets"))
        .contains(
            Map.of("API_TOKEN", Fingerprint.of("old-token"), "OTHER", Fingerprint.of("kept")));

    kube.clusters().setSecretKeys(t, "gateway-secrets", Map.of("API_TOKEN", "new-token"));
    Secret live = kube.k8s().secrets().inNamespace(NS).withName("gateway-secrets").get();
    assertThat(live.getData())
        .isEqualTo(Map.of("API_TOKEN", b64("new-token"), "OTHER", b64("kept")));
    assertThat(kube.clusters().secretFingerprints(t, "gateway-secrets").orElseThrow())
        .containsEntry("API_TOKEN", Fingerprint.of("new-token"));
  }

  @Test
  void aMissingSecretIsCreatedOpaque() {
    Target t = target();
    kube.clusters().setSecretKeys(t, "fresh-secrets", Map.of("TLS_KEY", "key-bytes"));
    Secret live = kube.k8s().secrets().inNamespace(NS).withName("fresh-secrets").get();
    assertThat(live.getType()).isEqualTo("Opaque");
    assertThat(live.getData()).isEqualTo(Map.of("TLS_KEY", b64("key-bytes")));
  }

  @Test
  void anUnknownClusterIsAClusterError() {
    Target elsewhere = new Target("nowhere", NS, "x", "x");
    assertThatThrownBy(() -> kube.clusters().configMap(elsewhere, "gateway-env"))
        .isInstanceOf(ClusterException.class);
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
