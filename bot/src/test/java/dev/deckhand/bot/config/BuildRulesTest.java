package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BuildSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's {@code build:} and the top-level {@code docker:} of {@code /build}. */
class BuildRulesTest {
  @TempDir Path dir;

  private Loading loading() {
    return new Loading(dir);
  }

  private static String dashboardWith(String build) {
    return """

          gateway:
            image: acme/gateway
            targets:
              staging: {namespace: web, deployment: gateway-deploy, container: gateway}
          dashboard:
            image: acme/dashboard
            targets:
              staging: {namespace: web, deployment: dashboard}
            build: %s
        """
        .formatted(build)
        .stripTrailing();
  }

  @Test
  void aBuildIsReadWithItsDefaultsAndTheRepositoryRelativeToTheCatalog() throws Exception {
    Files.createDirectories(dir.resolve("src/dashboard"));
    String yaml =
        CatalogYaml.valid()
            .with("services", dashboardWith("{repository: src/dashboard}"))
            .with("docker", " {host: \"unix:///run/docker.sock\"}")
            .text();

    LoadedConfig config = loading().load(yaml);

    assertThat(config.catalog().services().get("dashboard").buildSpec())
        .contains(
            new BuildSpec(
                dir.resolve("src/dashboard").normalize(),
                "Dockerfile",
                Optional.empty(),
                Map.of(),
                "linux/amd64",
                "{sha7}",
                Duration.ofMinutes(30)));
    assertThat(config.catalog().services().get("gateway").buildSpec()).isEmpty();
    assertThat(config.docker()).contains(URI.create("unix:///run/docker.sock"));
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Files.createDirectories(dir.resolve("repo"));
    String yaml =
        CatalogYaml.valid()
            .with(
                "services",
                dashboardWith(
                    "{repository: repo, dockerfile: deploy/Dockerfile, target: runtime,"
                        + " args: {GO_VERSION: '1.23'}, platform: linux/arm64,"
                        + " tag: 'p10e-dash-{date}-{sha7}', timeout: 45m}"))
            .text();

    BuildSpec spec =
        loading().load(yaml).catalog().services().get("dashboard").buildSpec().orElseThrow();

    assertThat(spec.dockerfile()).isEqualTo("deploy/Dockerfile");
    assertThat(spec.target()).contains("runtime");
    assertThat(spec.args()).isEqualTo(Map.of("GO_VERSION", "1.23"));
    assertThat(spec.platform()).isEqualTo("linux/arm64");
    assertThat(spec.tagFor("9b2f4a1c0ffee", java.time.LocalDate.of(2026, 12, 5)))
        .isEqualTo("p10e-dash-20261205-9b2f4a1");
    assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(45));
  }

  @Test
  void badValuesAreRefusedWithTheLineAndWhatToWrite() {
    String yaml =
        CatalogYaml.valid()
            .with(
                "services",
                dashboardWith(
                    "{repository: nowhere, dockerfile: ../Dockerfile, platform: amd64,"
                        + " tag: 'release-{date}'}"))
            .text();

    assertThat(loading().problems(yaml))
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("is not a directory; give the path of a local git"))
        .anySatisfy(p -> assertThat(p).contains("expected a path inside the repository"))
        .anySatisfy(p -> assertThat(p).contains("expected os/architecture, e.g. linux/amd64"))
        .anySatisfy(p -> assertThat(p).contains("a tag pattern needs {sha7} or {sha}"));
  }

  @Test
  void anUnknownPlaceholderIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("repo"));
    String yaml =
        CatalogYaml.valid()
            .with("services", dashboardWith("{repository: repo, tag: '{branch}-{sha7}'}"))
            .text();

    assertThat(loading().problems(yaml))
        .singleElement()
        .asString()
        .contains("unknown placeholder {branch}; a tag pattern may use {sha7}, {sha} and {date}");
  }

  @Test
  void aDockerHostOffThisMachineOrOfAnotherSchemeIsRefused() {
    assertThat(
            loading()
                .problems(
                    CatalogYaml.valid()
                        .with("docker", " {host: \"tcp://build.example.com:2375\"}")
                        .text()))
        .singleElement()
        .asString()
        .contains("build.example.com is not this machine");
    assertThat(
            loading()
                .problems(
                    CatalogYaml.valid()
                        .with("docker", " {host: \"http://127.0.0.1:2375\"}")
                        .text()))
        .singleElement()
        .asString()
        .contains("expected unix:///var/run/docker.sock or tcp://127.0.0.1:2375");
  }
}
