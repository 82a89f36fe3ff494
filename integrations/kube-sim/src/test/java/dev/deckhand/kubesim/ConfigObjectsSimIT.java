package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConfigMaps and Secrets in kube-sim: plain CRUD, edits that remove keys, and seeding. */
class ConfigObjectsSimIT {
  private static final String NS = "coachpilot";

  @RegisterExtension static final StagingSim kube = new StagingSim();

  @Test
  void aSeededConfigMapCanBeEditedAndReseeded() {
    kube.sim().seedConfigMap("staging", NS, "gateway-env", Map.of("A", "1", "B", "2"));
    kube.client()
        .configMaps()
        .inNamespace(NS)
        .withName("gateway-env")
        .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("A", "9")).build());
    ConfigMap edited = kube.client().configMaps().inNamespace(NS).withName("gateway-env").get();
    assertThat(edited.getData()).isEqualTo(Map.of("A", "9"));

    kube.sim().seedConfigMap("staging", NS, "gateway-env", Map.of("C", "3"));
    assertThat(kube.client().configMaps().inNamespace(NS).withName("gateway-env").get().getData())
        .isEqualTo(Map.of("C", "3"));
    assertThat(kube.client().configMaps().inNamespace(NS).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .contains("gateway-env");
  }

  @Test
  void secretsKeepTheirBase64DataThroughEdits() {
    kube.client()
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gateway-secrets")
                .endMetadata()
                .withType("Opaque")
                .addToData("K", "dmFsdWU=")
                .build())
        .create();
    kube.client()
        .secrets()
        .inNamespace(NS)
        .withName("gateway-secrets")
        .edit(s -> new SecretBuilder(s).addToData("L", "b3RoZXI=").build());
    Secret live = kube.client().secrets().inNamespace(NS).withName("gateway-secrets").get();
    assertThat(live.getData()).isEqualTo(Map.of("K", "dmFsdWU=", "L", "b3RoZXI="));
    assertThat(live.getType()).isEqualTo("Opaque");
  }
}
