package dev.deckhand.bot.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import dev.deckhand.commands.ports.BuildRequest;
import dev.deckhand.commands.ports.BuildResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogBuilderTest {
  private static final RegistrySpec LOOPBACK =
      new RegistrySpec(
          "default", URI.create("http://127.0.0.1:5000"), "ci", "s3cret", true, List.of());
  private static final RegistrySpec OTHER =
      new RegistrySpec("other", URI.create("https://registry.internal"), null, null);

  private final List<BuildRequest> seen = new ArrayList<>();
  private final BuildLog quiet =
      new BuildLog() {
        @Override
        public void step(String step) {}

        @Override
        public void line(String line) {}
      };

  private BuildRequest request(String... references) {
    return new BuildRequest(
        Path.of("/tmp/ctx"),
        "Dockerfile",
        Optional.empty(),
        Map.of(),
        "linux/amd64",
        Map.of(),
        List.of(references),
        null,
        null,
        Duration.ofMinutes(5));
  }

  private CatalogBuilder builder() {
    return new CatalogBuilder(
        (r, log) -> {
          seen.add(r);
          return new BuildResult("sha256:" + "a".repeat(64), r.references());
        },
        Map.of(
            "team/gateway", LOOPBACK,
            "registry.internal/team/api", OTHER));
  }

  @Test
  void referencesGoToTheServicesRegistryWithItsCredentials() {
    BuildResult r = builder().build(request("team/gateway:9b2f4a1"), quiet);

    assertThat(seen)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.references()).containsExactly("127.0.0.1:5000/team/gateway:9b2f4a1");
              assertThat(b.username()).isEqualTo("ci");
              assertThat(b.password()).isEqualTo("s3cret");
              assertThat(b.toString()).doesNotContain("s3cret");
            });
    assertThat(r.references()).containsExactly("team/gateway:9b2f4a1");
  }

  @Test
  void aHostInTheImageNameIsReplacedByTheRegistrysAddress() {
    builder().build(request("registry.internal/team/api:v1"), quiet);

    assertThat(seen.get(0).references()).containsExactly("registry.internal/team/api:v1");
    assertThat(seen.get(0).username()).isNull();
  }

  @Test
  void anImageOfNoServiceOrTwoRegistriesAreRefusedBeforeTheEngineIsAsked() {
    assertThatThrownBy(() -> builder().build(request("team/unknown:v1"), quiet))
        .isInstanceOf(BuildException.class)
        .hasMessage("no service of the catalog has the image team/unknown");
    assertThatThrownBy(
            () ->
                builder().build(request("team/gateway:v1", "registry.internal/team/api:v1"), quiet))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("one build pushes to one registry");
    assertThat(seen).isEmpty();
  }
}
