package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where an endpoint's credentials may go: never in clear unless insecure, realms it trusts. */
class CredentialTransportTest {
  private static final Credentials C = new Credentials("deployer", "s3cr3t");

  private static RegistryEndpoint endpoint(String url) {
    return new RegistryEndpoint("r", URI.create(url));
  }

  @Test
  void credentialsOverPlainHttpNeedInsecure() {
    assertThatThrownBy(() -> endpoint("http://reg.example:5000").withCredentials(C))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials would travel in clear to http://reg.example:5000")
        .hasMessageContaining("use https, or mark the registry insecure");

    assertThat(endpoint("http://reg.example:5000").asInsecure().withCredentials(C).insecure())
        .isTrue();
    assertThat(endpoint("https://reg.example").withCredentials(C).insecure()).isFalse();
    assertThat(endpoint("http://reg.example").credentials()).isEmpty(); // anonymous http is fine
  }

  @Test
  void listedRealmsMustBeHttpsUnlessInsecure() {
    assertThatThrownBy(
            () ->
                endpoint("https://reg.example")
                    .withTokenRealms(List.of(URI.create("http://auth.example/token"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http only for an insecure registry");
    assertThatThrownBy(
            () -> endpoint("https://reg.example").withTokenRealms(List.of(URI.create("/token"))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(
            endpoint("http://reg.example")
                .asInsecure()
                .withTokenRealms(List.of(URI.create("http://auth.example/token")))
                .tokenRealms())
        .hasSize(1);
  }

  @Test
  void theOwnHostOverHttpsIsTrusted() {
    RegistryEndpoint e = endpoint("https://Reg.Example").withCredentials(C);

    assertThat(e.trustsRealm(URI.create("https://reg.example/token"))).isTrue();
    assertThat(e.trustsRealm(URI.create("https://reg.example:443/v2/token"))).isTrue();
    assertThat(e.trustsRealm(URI.create("http://reg.example/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("https://reg.example:8443/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("https://auth.example/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("https://reg.example.attacker.test/token"))).isFalse();
  }

  @Test
  void anInsecureRegistryTrustsItsOwnHostOverHttpOnly() {
    RegistryEndpoint e = endpoint("http://127.0.0.1:5000").asInsecure().withCredentials(C);

    assertThat(e.trustsRealm(URI.create("http://127.0.0.1:5000/token"))).isTrue();
    assertThat(e.trustsRealm(URI.create("http://127.0.0.1:5001/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("http://localhost:5000/token"))).isFalse();
  }

  @Test
  void aListedRealmMatchesByOriginAndPathPrefix() {
    RegistryEndpoint e =
        endpoint("https://reg.example")
            .withCredentials(C)
            .withTokenRealms(List.of(URI.create("https://auth.example/v2")));

    assertThat(e.trustsRealm(URI.create("https://auth.example/v2"))).isTrue();
    assertThat(e.trustsRealm(URI.create("https://auth.example/v2/token?x=1"))).isTrue();
    assertThat(e.trustsRealm(URI.create("https://auth.example/v2x/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("https://auth.example/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("http://auth.example/v2/token"))).isFalse();
    assertThat(e.trustsRealm(URI.create("https://auth.example:444/v2/token"))).isFalse();
  }
}
