package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.manifest.Manifest;
import dev.deckhand.commands.manifest.ManifestException;
import dev.deckhand.commands.manifest.ObjectChange;
import dev.deckhand.commands.model.Target;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bundle's manifests planned and server-side applied through {@link KubernetesClusters}. */
class ManifestObjectsIT {
  private static final String NS = "coachpilot";

  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(100));

  private static Target target() {
    return new Target(SimWorld.CLUSTER, NS, "edge", "edge");
  }

  private static List<Manifest> bundle(String level, String port) {
    return List.of(
        new Manifest(
            "10-config.yaml",
            """
            # settings
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: edge-settings
            data:
              LOG_LEVEL: %s
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: edge-token
            stringData:
              TOKEN: s3cret-%s
            """
                .formatted(level, level)),
        new Manifest(
            "20-service.yml",
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: edge
              namespace: coachpilot
            spec:
              selector: {app: edge}
              ports:
              - port: %s
            """
                .formatted(port)));
  }

  @Test
  void plansCreatesAppliesThenShowsChangedFieldsWithoutSecretValues() {
    Target t = target();
    assertThat(kube.clusters().planManifests(t, bundle("info", "80")))
        .extracting(ObjectChange::object, ObjectChange::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ConfigMap/edge-settings", ObjectChange.Action.CREATE),
            org.assertj.core.groups.Tuple.tuple("Secret/edge-token", ObjectChange.Action.CREATE),
            org.assertj.core.groups.Tuple.tuple("Service/edge", ObjectChange.Action.CREATE));

    kube.clusters().applyManifests(t, bundle("info", "80"));
    ConfigMap cm = kube.k8s().configMaps().inNamespace(NS).withName("edge-settings").get();
    assertThat(cm.getData()).isEqualTo(Map.of("LOG_LEVEL", "info"));
    assertThat(cm.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager)
        .containsExactly("deckhand");
    Secret secret = kube.k8s().secrets().inNamespace(NS).withName("edge-token").get();
    assertThat(secret).isNotNull();
    assertThat(kube.k8s().services().inNamespace(NS).withName("edge").get()).isNotNull();

    assertThat(kube.clusters().planManifests(t, bundle("info", "80")))
        .extracting(ObjectChange::action)
        .containsOnly(ObjectChange.Action.UNCHANGED);

    List<ObjectChange> changed = kube.clusters().planManifests(t, bundle("debug", "8080"));
    assertThat(changed.get(0).fields()).containsExactly("data.LOG_LEVEL: info → debug");
    assertThat(changed.get(1).fields()).containsExactly("data.TOKEN: changed");
    assertThat(String.join("\n", changed.get(1).lines())).doesNotContain("s3cret");
    assertThat(changed.get(2).action()).isEqualTo(ObjectChange.Action.CHANGE);
    assertThat(changed.get(2).fields()).singleElement().asString().startsWith("spec.ports: ");

    kube.clusters().applyManifests(t, bundle("debug", "8080"));
    assertThat(kube.k8s().configMaps().inNamespace(NS).withName("edge-settings").get().getData())
        .isEqualTo(Map.of("LOG_LEVEL", "debug"));
    assertThat(kube.clusters().planManifests(t, bundle("debug", "8080")))
        .extracting(ObjectChange::action)
        .containsOnly(ObjectChange.Action.UNCHANGED);
  }

  @Test
  void anObjectInAnotherNamespaceOrWithoutAKindIsRefusedSayingWhatToWrite() {
    Target t = target();
    List<Manifest> elsewhere =
        List.of(
            new Manifest(
                "a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: kube-system}\n"));
    assertThatThrownBy(() -> kube.clusters().planManifests(t, elsewhere))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("a.yaml (document 1): ConfigMap/x names namespace kube-system")
        .satisfies(
            e ->
                assertThat(((ManifestException) e).hint()).contains("write namespace: coachpilot"));
    assertThatThrownBy(
            () ->
                kube.clusters()
                    .applyManifests(
                        t,
                        List.of(new Manifest("b.yaml", "apiVersion: v1\nmetadata: {name: y}\n"))))
        .isInstanceOf(ManifestException.class)
        .hasMessage("b.yaml (document 1) lacks kind");
    assertThatThrownBy(
            () ->
                kube.clusters()
                    .planManifests(t, List.of(new Manifest("c.yaml", "kind: [unclosed\n"))))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("c.yaml (document 1) is not valid YAML");
    assertThat(kube.k8s().configMaps().inNamespace(NS).withName("y").get()).isNull();
  }
}
