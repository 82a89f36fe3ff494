package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact JSON patch {@code setImage} sends (the mock API cannot show a request body). */
class ImageSetterTest {

  @Test
  void addressesTheContainerByIndexGuardedByItsNameAndEscapesTheAnnotationKey() {
    Deployment d = TestObjects.deployment(1, "synergy/gateway:v1");

    List<Map<String, Object>> ops =
        ImageSetter.patch(d, 1, "gateway", "synergy/gateway:v2", "by ana").ops();

    assertThat(ops)
        .containsExactly(
            Map.of(
                "op", "test", "path", "/spec/template/spec/containers/1/name", "value", "gateway"),
            Map.of(
                "op",
                "replace",
                "path",
                "/spec/template/spec/containers/1/image",
                "value",
                "synergy/gateway:v2"),
            Map.of(
                "op",
                "add",
                "path",
                "/metadata/annotations/kubernetes.io~1change-cause",
                "value",
                "by ana"));
  }

  @Test
  void withoutAnnotationsAddsTheMapGuardedByTheResourceVersion() {
    Deployment d = TestObjects.deployment(1, "synergy/gateway:v1");
    d.getMetadata().setAnnotations(null);
    d.getMetadata().setResourceVersion("42");

    List<Map<String, Object>> ops = ImageSetter.patch(d, 0, "gateway", "g:2", "c").ops();

    assertThat(ops)
        .contains(
            Map.of("op", "test", "path", "/metadata/resourceVersion", "value", "42"),
            Map.of(
                "op",
                "add",
                "path",
                "/metadata/annotations",
                "value",
                Map.of("kubernetes.io/change-cause", "c")));
  }

  @Test
  void escapesJsonPointerTokens() {
    assertThat(JsonPatch.escape("a/b~c")).isEqualTo("a~1b~0c");
  }
}
