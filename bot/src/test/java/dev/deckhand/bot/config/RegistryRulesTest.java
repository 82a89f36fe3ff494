package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.RegistrySpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registries}: credentials only over https unless insecure, trusted token realms. */
class RegistryRulesTest {
  @TempDir Path dir;

  private static final Map<String, String> ENV = Map.of("REGISTRY_TOKEN", "dckr_pat_x");

  /** The registry's fields start on line 3 (registries: is line 1, default: line 2). */
  private static String yaml(String fields) {
    return CatalogYaml.valid().with("registries", "\n  default:" + fields).text();
  }

  private Loading loading() {
    return new Loading(dir).environment(ENV);
  }

  private static final String CREDENTIALS =
      "\n    username: robot\n    password: env:REGISTRY_TOKEN";

  @Test
  void credentialsOverPlainHttpAreRefusedNamingTheWayOut() {
    assertThat(loading().problems(yaml("\n    url: http://registry.internal:5000" + CREDENTIALS)))
        .containsExactly(
            "3: registries.default.url: the credentials would travel in clear over http: use"
                + " https://, or set insecure: true for this registry (it is then named in a"
                + " warning at every start)");
  }

  @Test
  void insecureAllowsThemAndIsRecorded() throws Exception {
    RegistrySpec r =
        loading()
            .load(
                yaml("\n    url: http://registry.internal:5000\n    insecure: true" + CREDENTIALS))
            .catalog()
            .registries()
            .get("default");

    assertThat(r.insecure()).isTrue();
    assertThat(r.password()).isEqualTo("dckr_pat_x");
    assertThat(r.toString()).doesNotContain("dckr_pat_x");
  }

  @Test
  void anonymousHttpAndHttpsWithCredentialsNeedNothing() throws Exception {
    assertThat(loading().load(yaml("\n    url: http://127.0.0.1:5000")).catalog().registries())
        .hasEntrySatisfying("default", r -> assertThat(r.insecure()).isFalse());
    assertThat(
            loading()
                .load(yaml("\n    url: https://registry.example.com" + CREDENTIALS))
                .catalog()
                .registries()
                .get("default")
                .tokenRealms())
        .isEmpty();
  }

  @Test
  void tokenRealmsAreReadAndMustBeHttpsUnlessInsecure() throws Exception {
    RegistrySpec r =
        loading()
            .load(
                yaml(
                    "\n    url: https://registry.example.com"
                        + CREDENTIALS
                        + "\n    token-realms: [\"https://auth.example.com/token\"]"))
            .catalog()
            .registries()
            .get("default");
    assertThat(r.tokenRealms()).containsExactly(URI.create("https://auth.example.com/token"));

    assertThat(
            loading()
                .problems(
                    yaml(
                        "\n    url: https://registry.example.com"
                            + CREDENTIALS
                            + "\n    token-realms:"
                            + "\n      - http://auth.example.com/token"
                            + "\n      - auth.example.com")))
        .containsExactly(
            "7: registries.default.token-realms[0]: a token realm over http would receive the"
                + " credentials in clear: use https://, or set insecure: true for this registry",
            "8: registries.default.token-realms[1]: 'auth.example.com' is not an absolute"
                + " http(s) URL like https://host/path");
  }

  @Test
  void anInsecureRegistryMayListAnHttpRealm() throws Exception {
    List<URI> realms =
        loading()
            .load(
                yaml(
                    "\n    url: http://registry.internal"
                        + "\n    insecure: true"
                        + CREDENTIALS
                        + "\n    token-realms: [\"http://auth.internal/token\"]"))
            .catalog()
            .registries()
            .get("default")
            .tokenRealms();
    assertThat(realms).containsExactly(URI.create("http://auth.internal/token"));
  }
}
