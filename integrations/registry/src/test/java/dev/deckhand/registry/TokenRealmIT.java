package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.RegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry whose challenge names a token service on another port: the credentials go there only
 * when that realm is listed, and never otherwise. Both peers are real HTTP servers on loopback.
 */
class TokenRealmIT {
  private static final Credentials DEPLOYER = new Credentials("deployer", "right-secret");

  private final FakeRegistry registry = new FakeRegistry();
  private final TokenPeer elsewhere = new TokenPeer(registry::trustToken);

  TokenRealmIT() throws IOException {}

  @BeforeEach
  void content() {
    registry.repo("team/app", "v1", "v2");
    registry.behaviour.bearer(DEPLOYER).realm(elsewhere.realm());
  }

  @AfterEach
  void stop() {
    elsewhere.close();
    registry.close();
  }

  private dev.deckhand.commands.ports.ImageRegistry client(RegistryEndpoint endpoint) {
    RegistrySettings settings =
        new RegistrySettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 100, 10, Duration.ZERO);
    return RegistryClient.create(List.of(endpoint), settings, ForkJoinPool.commonPool());
  }

  private RegistryEndpoint insecureWithCredentials() {
    return new RegistryEndpoint("default", registry.baseUrl())
        .asInsecure()
        .withCredentials(DEPLOYER);
  }

  @Test
  void aRealmOnAnotherPortNeverReceivesTheCredentials() {
    assertThatThrownBy(() -> client(insecureWithCredentials()).tags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("sent us to the token service " + elsewhere.realm())
        .hasMessageContaining("not on its own host")
        .hasMessageContaining("its credentials were not sent")
        .hasMessageContaining("registries.default.token-realms")
        .message()
        .doesNotContain("right-secret");

    assertThat(elsewhere.authorizations).isEmpty();
    assertThat(registry.requests)
        .extracting(FakeRegistry.Request::authorization)
        .containsOnly(BasicAuth.header(DEPLOYER)); // only the registry itself saw them
  }

  @Test
  void aListedRealmGetsTheCredentialsAndItsTokenWorks() {
    RegistryEndpoint endpoint =
        insecureWithCredentials().withTokenRealms(List.of(elsewhere.realm().resolve("/auth")));

    assertThat(client(endpoint).tags("team/app")).containsExactly("v1", "v2");

    assertThat(elsewhere.authorizations).containsExactly(BasicAuth.header(DEPLOYER));
    assertThat(registry.requests.get(registry.requests.size() - 1).authorization())
        .isEqualTo("Bearer far-1");
  }

  @Test
  void aListedRealmWithAnotherPathIsStillRefused() {
    RegistryEndpoint endpoint =
        insecureWithCredentials().withTokenRealms(List.of(elsewhere.realm().resolve("/other")));

    assertThatThrownBy(() -> client(endpoint).tags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("its credentials were not sent");
    assertThat(elsewhere.authorizations).isEmpty();
  }

  @Test
  void anAnonymousClientMayFollowAnyRealmSinceItSendsNothing() {
    registry.behaviour.bearer(null).realm(elsewhere.realm());

    assertThat(client(new RegistryEndpoint("default", registry.baseUrl())).tags("team/app"))
        .containsExactly("v1", "v2");
    assertThat(elsewhere.authorizations).containsExactly("");
  }
}
