package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-side apply in kube-sim through fabric8's client: create, merge, field manager. */
class ServerSideApplyIT {
  private static final String NS = "coachpilot";

  @RegisterExtension static final StagingSim kube = new StagingSim();

  private static ConfigMap settings(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("edge-settings")
        .addToLabels("app", "edge")
        .endMetadata()
        .withData(data)
        .build();
  }

  private static ConfigMap apply(ConfigMap cm) {
    return kube.client()
        .resource(cm)
        .inNamespace(NS)
        .fieldManager("deckhand")
        .forceConflicts()
        .serverSideApply();
  }

  @Test
  void anAbsentObjectIsCreatedWithTheFieldManagerRecorded() {
    ConfigMap created = apply(settings(Map.of("LOG_LEVEL", "info")));
    assertThat(created.getData()).isEqualTo(Map.of("LOG_LEVEL", "info"));

    ConfigMap live = kube.client().configMaps().inNamespace(NS).withName("edge-settings").get();
    assertThat(live.getData()).isEqualTo(Map.of("LOG_LEVEL", "info"));
    assertThat(live.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(live.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("deckhand", "Apply"));
  }

  @Test
  void aPresentObjectGetsTheAppliedFieldsMergedAndKeepsOthers() {
    kube.client()
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("edge")
                .addToAnnotations("owner", "platform")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "edge")
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    Service applied =
        kube.client()
            .resource(
                new ServiceBuilder()
                    .withNewMetadata()
                    .withName("edge")
                    .addToLabels("tier", "web")
                    .endMetadata()
                    .withNewSpec()
                    .addToSelector("app", "edge")
                    .addNewPort()
                    .withPort(8080)
                    .endPort()
                    .endSpec()
                    .build())
            .inNamespace(NS)
            .fieldManager("deckhand")
            .forceConflicts()
            .serverSideApply();
    assertThat(applied.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));

    Service live = kube.client().services().inNamespace(NS).withName("edge").get();
    assertThat(live.getMetadata().getLabels()).containsEntry("tier", "web");
    assertThat(live.getMetadata().getAnnotations()).containsEntry("owner", "platform");
    assertThat(live.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
  }

  @Test
  void applyingTwiceIsIdempotentAndKeepsOneEntryPerManager() {
    ConfigMap cm =
        new ConfigMapBuilder(settings(Map.of("A", "1")))
            .editMetadata()
            .withName("twice")
            .endMetadata()
            .build();
    apply(cm);
    apply(new ConfigMapBuilder(cm).withData(Map.of("A", "2")).build());
    ConfigMap live = kube.client().configMaps().inNamespace(NS).withName("twice").get();
    assertThat(live.getData()).isEqualTo(Map.of("A", "2"));
    assertThat(live.getMetadata().getManagedFields()).hasSize(1);
  }
}
