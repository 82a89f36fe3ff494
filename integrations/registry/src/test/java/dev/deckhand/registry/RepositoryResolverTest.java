package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.RegistryException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryResolverTest {
  private final RegistryEndpoint hub =
      new RegistryEndpoint("hub", URI.create("https://hub.example")).asDockerHubStyle();
  private final RegistryEndpoint gitea =
      new RegistryEndpoint("gitea", URI.create("https://git.example.org"));
  private final RegistryEndpoint local =
      new RegistryEndpoint("local", URI.create("http://127.0.0.1:5000"));
  private final RegistryEndpoint localhost =
      new RegistryEndpoint("lh", URI.create("http://localhost:5001/prefix"));

  private final RepositoryResolver resolver =
      new RepositoryResolver(List.of(hub, gitea, local, localhost));

  @Test
  void namesWithoutAHostGoToTheFirstEndpointWithTheHubLibraryConvention() {
    assertThat(resolver.resolve("synergygroup/coachpilot-gateway"))
        .isEqualTo(new RepositoryLocation(hub, "synergygroup/coachpilot-gateway"));
    assertThat(resolver.resolve("nginx")).isEqualTo(new RepositoryLocation(hub, "library/nginx"));
  }

  @Test
  void anEndpointNamedDefaultWinsOverTheFirst() {
    RegistryEndpoint dflt = new RegistryEndpoint("default", URI.create("http://r.example"));
    RepositoryResolver r = new RepositoryResolver(List.of(gitea, dflt));

    assertThat(r.resolve("app")).isEqualTo(new RepositoryLocation(dflt, "app"));
  }

  @Test
  void aFirstSegmentWithDotColonOrLocalhostIsAHostAndIsStripped() {
    assertThat(resolver.resolve("git.example.org/team/api"))
        .isEqualTo(new RepositoryLocation(gitea, "team/api"));
    assertThat(resolver.resolve("GIT.Example.org/api"))
        .isEqualTo(new RepositoryLocation(gitea, "api"));
    assertThat(resolver.resolve("127.0.0.1:5000/app"))
        .isEqualTo(new RepositoryLocation(local, "app"));
    assertThat(resolver.resolve("localhost:5001/app"))
        .isEqualTo(new RepositoryLocation(localhost, "app"));
  }

  @Test
  void theHostMayAlsoBeTheEndpointName() {
    RegistryEndpoint named = new RegistryEndpoint("hub.alias.example", URI.create("https://h"));
    RepositoryResolver r = new RepositoryResolver(List.of(gitea, named));

    assertThat(r.resolve("hub.alias.example/x/y")).isEqualTo(new RepositoryLocation(named, "x/y"));
  }

  @Test
  void anUnknownHostNamesTheConfiguredRegistries() {
    assertThatThrownBy(() -> resolver.resolve("other.example/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining(
            "no registry is configured for other.example (image other.example/app)")
        .hasMessageContaining("gitea (git.example.org)");
    assertThatThrownBy(() -> resolver.resolve("localhost/app"))
        .hasMessageContaining("no registry is configured for localhost");
  }

  @Test
  void aPortOnlyMatchesTheSamePort() {
    assertThatThrownBy(() -> resolver.resolve("127.0.0.1:5999/app"))
        .isInstanceOf(RegistryException.class);
  }

  @Test
  void rejectsNamesThatAreNotRepositoryPaths() {
    for (String bad :
        List.of(
            "Team/App",
            "app:v1",
            "app@sha256:00",
            "team/../etc",
            "a//b",
            "a/",
            "-a",
            "a/b?n=1",
            " ")) {
      assertThatThrownBy(() -> resolver.resolve(bad))
          .as(bad)
          .isInstanceOf(RegistryException.class)
          .hasMessageMatching("(invalid image name|no image name).*");
    }
    assertThatThrownBy(() -> resolver.resolve(null)).isInstanceOf(RegistryException.class);
  }

  @Test
  void acceptsTheSeparatorsTheDistributionGrammarAllows() {
    assertThat(resolver.resolve("a_b/c__d/e.f/g--h").path()).isEqualTo("a_b/c__d/e.f/g--h");
  }

  @Test
  void refusesAnEmptyListAndDuplicateNames() {
    assertThatThrownBy(() -> new RepositoryResolver(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RepositoryResolver(List.of(gitea, gitea)))
        .hasMessageContaining("configured twice");
  }

  @Test
  void buildsApiUrisBelowTheBaseUrlIncludingAPathPrefix() {
    assertThat(new RepositoryLocation(localhost, "team/app").uri("tags/list?n=5"))
        .isEqualTo(URI.create("http://localhost:5001/prefix/v2/team/app/tags/list?n=5"));
    assertThat(new RepositoryLocation(local, "app").uri("manifests/v1"))
        .isEqualTo(URI.create("http://127.0.0.1:5000/v2/app/manifests/v1"));
    assertThat(new RepositoryLocation(local, "team/app").pullScope())
        .isEqualTo("repository:team/app:pull");
  }
}
