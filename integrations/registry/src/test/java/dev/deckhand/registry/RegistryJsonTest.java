package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryJsonTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsAnImageManifest() {
    var m =
        RegistryJson.read(
            b(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"c\",\"digest\":\"sha256:aa\",\"size\":3},"
                    + "\"layers\":[{\"digest\":\"sha256:bb\",\"size\":5}],\"annotations\":{}}"),
            RegistryJson.Manifest.class);
    assertThat(m.isIndex()).isFalse();
    assertThat(m.config().digest()).isEqualTo("sha256:aa");
    assertThat(m.layers()).extracting(RegistryJson.Descriptor::digest).containsExactly("sha256:bb");
  }

  @Test
  void readsAnIndexWithPlatforms() {
    var m =
        RegistryJson.read(
            b(
                "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:a\",\"size\":1,"
                    + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}]}"),
            RegistryJson.Manifest.class);
    assertThat(m.isIndex()).isTrue();
    assertThat(m.manifests().get(0).platform().architecture()).isEqualTo("arm64");
    assertThat(m.layers()).isEmpty();
  }

  @Test
  void readsAConfigWithLabelsOrWithout() {
    var c =
        RegistryJson.read(
            b(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"created\":\"2026-01-02T03:04:05Z\","
                    + "\"config\":{\"Labels\":{\"org.opencontainers.image.revision\":\"abc\"}}}"),
            RegistryJson.Config.class);
    assertThat(c.labels()).containsEntry("org.opencontainers.image.revision", "abc");
    assertThat(
            RegistryJson.read(b("{\"os\":\"linux\",\"config\":{}}"), RegistryJson.Config.class)
                .labels())
        .isEmpty();
    assertThat(RegistryJson.read(b("{}"), RegistryJson.Config.class).labels()).isEmpty();
  }

  @Test
  void readsTagListsAndErrors() {
    assertThat(
            RegistryJson.read(b("{\"name\":\"a\",\"tags\":null}"), RegistryJson.TagList.class)
                .tags())
        .isNull();
    var e =
        RegistryJson.read(
            b("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"immutable\",\"detail\":{}}]}"),
            RegistryJson.Errors.class);
    assertThat(e.errors().get(0).code()).isEqualTo("DENIED");
  }

  @Test
  void unreadableJsonIsAnIllegalArgument() {
    assertThatThrownBy(() -> RegistryJson.read(b("{\"tags\":"), RegistryJson.TagList.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryJson.read(b("null"), RegistryJson.TagList.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryJson.object(b("[1]")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
