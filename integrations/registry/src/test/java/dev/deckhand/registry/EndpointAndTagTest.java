package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.RegistryException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointAndTagTest {

  @Test
  void endpointsNeedAPlainHttpOrHttpsBaseUrl() {
    for (String bad :
        List.of("ftp://h", "h:5000", "/v2", "http://u:p@h", "http://h/?q=1", "http://h/#f")) {
      assertThatThrownBy(() -> new RegistryEndpoint("r", URI.create(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new RegistryEndpoint(" ", URI.create("http://h")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endpointKnowsItsHostAndPortAndDescribesItself() {
    RegistryEndpoint e = new RegistryEndpoint("r", URI.create("HTTP://Reg.Example:5000/x"));

    assertThat(e.hostAndPort()).isEqualTo("reg.example:5000");
    assertThat(e.base()).isEqualTo(URI.create("HTTP://Reg.Example:5000/x/"));
    assertThat(e.describe()).isEqualTo("registry r at HTTP://Reg.Example:5000/x");
  }

  @Test
  void credentialsNeverShowTheSecret() {
    Credentials c = new Credentials("deployer", "s3cr3t-token");
    RegistryEndpoint e = new RegistryEndpoint("r", URI.create("https://h")).withCredentials(c);

    assertThat(c.toString()).doesNotContain("s3cr3t");
    assertThat(e.toString()).doesNotContain("s3cr3t");
    assertThat(BasicAuth.header(c)).isEqualTo("Basic ZGVwbG95ZXI6czNjcjN0LXRva2Vu");
    assertThatThrownBy(() -> new Credentials("a:b", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tagsFollowTheOciGrammar() {
    for (String ok :
        List.of("v1.2.3", "p10e-mmc-20260519-d4-webhooks", "_x", "A", "a".repeat(128))) {
      assertThat(TagGrammar.require(ok)).isEqualTo(ok);
    }
    for (String bad : List.of("", ".x", "-x", "a/b", "a:b", "a b", "a".repeat(129), "../x")) {
      assertThatThrownBy(() -> TagGrammar.require(bad))
          .as(bad)
          .isInstanceOf(RegistryException.class)
          .hasMessageStartingWith("invalid tag");
    }
    assertThatThrownBy(() -> TagGrammar.require(null)).isInstanceOf(RegistryException.class);
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(
            () ->
                RegistrySettings.defaults()
                    .withTimeouts(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RegistrySettings.defaults().pageSize()).isEqualTo(1000);
  }
}
