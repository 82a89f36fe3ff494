package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.command.ConfigUpdate;
import dev.deckhand.commands.command.SecretUpdate;
import dev.deckhand.commands.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /config-update} and {@code /secret-update}: their grammar and refusals. */
class ConfigCommandsParserTest {
  private final CommandParser parser =
      new CommandParser(Engine.COMMANDS, TestCatalogs.coachpilot());

  @Test
  void parsesAConfigUpdate() {
    ConfigUpdate c = (ConfigUpdate) parser.parse("/config-update gateway");
    assertThat(c.environment().name()).isEqualTo("staging");
    assertThat(c.configMap().name()).isEqualTo("gateway-env");
    assertThat(c.dryRun()).isFalse();
    assertThat(c.action()).isEqualTo("config-update");
    ConfigUpdate prod =
        (ConfigUpdate) parser.parse("/config-update coachpilot-gateway --env prod --dry-run");
    assertThat(prod.environment().name()).isEqualTo("prod");
    assertThat(prod.configMap().source().describe()).isEqualTo("env-file:config/gateway.prod.env");
    assertThat(prod.dryRun()).isTrue();
  }

  @Test
  void parsesASecretUpdate() {
    SecretUpdate s = (SecretUpdate) parser.parse("/secret-update gateway TLS_KEY --env prod");
    assertThat(s.key()).isEqualTo("TLS_KEY");
    assertThat(s.environment().name()).isEqualTo("prod");
    assertThat(s.source().describe()).isEqualTo("file:/run/secrets/tls.key");
    assertThat(s.action()).isEqualTo("secret-update");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/config-update quiz | quiz has no ConfigMap in staging | config: { staging: { configmap: NAME",
        "/config-update gateway --env qa | there is no environment 'qa' | staging, prod",
        "/config-update | /config-update is missing <service> | e.g. /config-update gateway",
        "/config-update gateway extra | unexpected 'extra' after /config-update | usage",
        "/secret-update gateway API_TOKNE | 'API_TOKNE' is not a secret key of gateway | did you mean API_TOKEN? Its keys are: API_TOKEN, TLS_KEY",
        "/secret-update gateway | /secret-update is missing <key> | usage: /secret-update <service> <key>",
        "/secret-update quiz API_TOKEN | quiz has no Secret in the catalog | secret: NAME and secret-keys",
        "/secret-update gateway API_TOKEN s3cret | unexpected 's3cret' after /secret-update | usage",
        "/secret-update gateway API_TOKEN --value s3cret | /secret-update has no flag --value | usage",
        "/secret-update agent API_TOKEN | agent has no Secret in the catalog | secret-keys",
      })
  void refusesBadInputWithWhatToTypeInstead(String text, String problem, String hint) {
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains(hint));
  }
}
