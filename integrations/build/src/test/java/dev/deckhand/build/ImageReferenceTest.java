package dev.deckhand.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  @Test
  void splitsTheRepositoryWithItsHostFromTheTag() {
    ImageReference ref = ImageReference.parse("127.0.0.1:5000/team/gateway:p10e-mmc-20260519-d4");
    assertThat(ref.repository()).isEqualTo("127.0.0.1:5000/team/gateway");
    assertThat(ref.tag()).isEqualTo("p10e-mmc-20260519-d4");
    assertThat(ref).hasToString("127.0.0.1:5000/team/gateway:p10e-mmc-20260519-d4");
    assertThat(ImageReference.parse("registry.example/app:v1").repository())
        .isEqualTo("registry.example/app");
  }

  @Test
  void refusesWhatCannotBePushed() {
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/app"))
        .hasMessageContaining("it has no tag");
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/app@sha256:abc"))
        .hasMessageContaining("a push names a tag, not a digest");
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/App:v1"))
        .hasMessageContaining("not a valid host[:port]/repository:tag");
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/app:-v1"))
        .hasMessageContaining("not a valid host[:port]/repository:tag");
  }
}
