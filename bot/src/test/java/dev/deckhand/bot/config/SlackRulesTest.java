package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat.slack}: HTTP mode only, tokens by reference, shapes checked. */
class SlackRulesTest {
  @TempDir java.nio.file.Path dir;

  private static final Map<String, String> ENV =
      Map.of("SLACK_BOT_TOKEN", "xoxb-1-2-abc", "SLACK_SIGNING_SECRET", "s3cret");

  private static String yaml(String slack) {
    return CatalogYaml.valid().with("chat", "\n  slack:" + slack).text();
  }

  /** Lines 23 to 25 of the catalog: mode, bot-token, signing-secret (chat: is line 21). */
  private static final String VALID =
      "\n    mode: http"
          + "\n    bot-token: env:SLACK_BOT_TOKEN"
          + "\n    signing-secret: env:SLACK_SIGNING_SECRET";

  private Loading loading() {
    return new Loading(dir).environment(ENV);
  }

  @Test
  void anEmptySlackEntryIsAProblemNotACrash() {
    assertThat(loading().problems(yaml("")))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("chat.slack"));
  }

  @Test
  void noSlackSectionMeansNoSlack() throws Exception {
    assertThat(loading().load(CatalogYaml.valid().text()).slack()).isEmpty();
  }

  @Test
  void minimalHttpModeListensOnLoopbackPort3000() throws Exception {
    SlackSettings slack = loading().load(yaml(VALID)).slack().orElseThrow();

    assertThat(slack.botToken()).isEqualTo("xoxb-1-2-abc");
    assertThat(slack.signingSecret()).isEqualTo("s3cret");
    assertThat(slack.host()).isEqualTo("127.0.0.1");
    assertThat(slack.port()).isEqualTo(3000);
    assertThat(slack.apiUrl()).isEmpty();
    assertThat(slack.toString()).doesNotContain("xoxb-1-2-abc").doesNotContain("s3cret");
  }

  @Test
  void listenAndApiUrlAreRead() throws Exception {
    SlackSettings slack =
        loading()
            .load(
                yaml(
                    VALID
                        + "\n    http: {listen: \"0.0.0.0:8080\"}\n    api-url:"
                        + " \"http://127.0.0.1:9/api\""))
            .slack()
            .orElseThrow();

    assertThat(slack.host()).isEqualTo("0.0.0.0");
    assertThat(slack.port()).isEqualTo(8080);
    assertThat(slack.apiUrl()).isEqualTo(Optional.of("http://127.0.0.1:9/api/"));
  }

  @Test
  void consoleAndSlackLiveSideBySide() throws Exception {
    String text =
        CatalogYaml.valid()
            .with(
                "chat",
                "\n  console: {users: [alice, bob]}\n  slack:" + VALID.replace("\n    ", "\n    "))
            .text();
    LoadedConfig config = loading().load(text);
    assertThat(config.console().users()).containsExactly("alice", "bob");
    assertThat(config.slack()).isPresent();
  }

  @Test
  void socketModeIsNotBuiltYet() {
    assertThat(loading().problems(yaml(VALID.replace("mode: http", "mode: socket"))))
        .containsExactly("23: chat.slack.mode: Socket Mode is not built yet; use mode: http");
  }

  @Test
  void modeIsRequiredAndMustBeKnown() {
    assertThat(loading().problems(yaml(VALID.replace("mode: http", "mode: carrier-pigeon"))))
        .containsExactly("23: chat.slack.mode: 'carrier-pigeon' is not a mode; use mode: http");
    assertThat(loading().problems(yaml(VALID.replace("\n    mode: http", ""))))
        .containsExactly("22: chat.slack.mode: required; write mode: http");
  }

  @Test
  void tokensMustBeReferencesAndAreNeverQuoted() {
    assertThat(
            loading()
                .problems(
                    yaml(
                        VALID
                            .replace("env:SLACK_BOT_TOKEN", "xoxb-inline-token")
                            .replace("env:SLACK_SIGNING_SECRET", "inline-secret"))))
        .containsExactly(
            "24: chat.slack.bot-token: write secrets as env:NAME or file:/path, never inline",
            "25: chat.slack.signing-secret: write secrets as env:NAME or file:/path, never inline")
        .noneMatch(p -> p.contains("inline-"));
  }

  @Test
  void theBotTokenMustLookLikeOne() {
    assertThat(
            new Loading(dir)
                .environment(
                    Map.of("SLACK_BOT_TOKEN", "xapp-1-A-1-abc", "SLACK_SIGNING_SECRET", "s"))
                .problems(yaml(VALID)))
        .containsExactly(
            "24: chat.slack.bot-token: not a bot token: it must start with xoxb- (the Bot User"
                + " OAuth Token of the app)")
        .noneMatch(p -> p.contains("xapp-1-A-1-abc"));
  }

  @Test
  void tokensAreRequiredAndMustBeSet() {
    assertThat(loading().problems(yaml("\n    mode: http")))
        .containsExactly(
            "22: chat.slack.bot-token: required; e.g. env:SLACK_BOT_TOKEN",
            "22: chat.slack.signing-secret: required; e.g. env:SLACK_SIGNING_SECRET");
    assertThat(new Loading(dir).problems(yaml(VALID)))
        .containsExactly(
            "24: chat.slack.bot-token: env:SLACK_BOT_TOKEN: environment variable SLACK_BOT_TOKEN"
                + " is not set",
            "25: chat.slack.signing-secret: env:SLACK_SIGNING_SECRET: environment variable"
                + " SLACK_SIGNING_SECRET is not set");
  }

  @Test
  void listenMustBeHostAndPort() {
    for (String wrong : new String[] {"3000", "127.0.0.1", "localhost:http", ":3000", "h:70000"}) {
      assertThat(loading().problems(yaml(VALID + "\n    http: {listen: \"" + wrong + "\"}")))
          .as(wrong)
          .containsExactly(
              "26: chat.slack.http.listen: '"
                  + wrong
                  + "' is not host:port, e.g. \"127.0.0.1:3000\" (port 0 to 65535)");
    }
  }

  @Test
  void apiUrlMustBeHttp() {
    assertThat(loading().problems(yaml(VALID + "\n    api-url: \"ftp://x/\"")))
        .containsExactly(
            "26: chat.slack.api-url: 'ftp://x/' is not an http(s) URL, e.g."
                + " \"https://slack.com/api/\"");
  }

  @Test
  void unknownKeysAreNamed() {
    assertThat(loading().problems(yaml(VALID + "\n    app-token: env:SLACK_APP_TOKEN")))
        .containsExactly(
            "26: chat.slack: unknown key 'app-token'; expected one of: mode, bot-token,"
                + " signing-secret, http, api-url");
  }
}
