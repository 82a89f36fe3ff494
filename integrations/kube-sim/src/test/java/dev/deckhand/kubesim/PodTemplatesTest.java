package dev.deckhand.kubesim;

import static dev.deckhand.kubesim.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

class PodTemplatesTest {

  private final PodTemplates templates = new PodTemplates();

  @Test
  void hashIsStableSafeAndIgnoresItsOwnLabel() {
    PodTemplateSpec template = deployment().build().getSpec().getTemplate();
    String hash = templates.hash(template);
    assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    assertThat(templates.hash(deployment().build().getSpec().getTemplate())).isEqualTo(hash);
    PodTemplateSpec labelled = PodTemplates.withHashLabel(template, hash);
    assertThat(templates.hash(labelled)).isEqualTo(hash);
    assertThat(templates.equalIgnoringHash(labelled, template)).isTrue();
  }

  @Test
  void anyTemplateChangeIsANewTemplate() {
    PodTemplateSpec template = deployment().build().getSpec().getTemplate();
    PodTemplateSpec restarted =
        new PodTemplateSpecBuilder(template)
            .editMetadata()
            .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2025-03-01T10:00:00Z")
            .endMetadata()
            .build();
    assertThat(templates.equalIgnoringHash(template, restarted)).isFalse();
    assertThat(templates.hash(restarted)).isNotEqualTo(templates.hash(template));
    assertThat(templates.hash(deployment().image("web:2").build().getSpec().getTemplate()))
        .isNotEqualTo(templates.hash(template));
  }
}
