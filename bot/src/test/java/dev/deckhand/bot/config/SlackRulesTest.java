package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat.slack}: Socket Mode or HTTP mode, tokens by reference, shapes checked. */
class SlackRulesTest {
  @TempDir java.nio.file.Path dir;

  private static final Map<String, String> ENV =
      Map.of(
          "SLACK_BOT_TOKEN",
          "xoxb-1-2-abc",
          "SLACK_SIGNING_SECRET",
          "s3cret",
          "SLACK_APP_TOKEN",
          "xapp-1-A1-2-def");

  /** The catalog with these {@code chat.slack} lines, then the workspace's id last. */
  private static String yaml(String slack) {
    return bare(slack + "\n    team-id: T0001");
  }

  /** The catalog with exactly these {@code chat.slack} lines, and roles (refused without). */
  private static String bare(String slack) {
    return CatalogYaml.valid()
        .with("chat", "\n  slack:" + slack)
        .with("roles", CatalogYaml.CHAT_ROLES)
        .text();
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
    assertThat(slack.mode()).isEqualTo(SlackSettings.Mode.HTTP);
    assertThat(slack.signingSecret()).hasValue("s3cret");
    assertThat(slack.appToken()).isEmpty();
    assertThat(slack.userGroupTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(slack.host()).isEqualTo("127.0.0.1");
    assertThat(slack.port()).isEqualTo(3000);
    assertThat(slack.apiUrl()).isEmpty();
    assertThat(slack.insecure()).isFalse();
    assertThat(slack.cleartextWarning()).isEmpty();
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
                        + " \"https://slack.example/api\""))
            .slack()
            .orElseThrow();

    assertThat(slack.host()).isEqualTo("0.0.0.0");
    assertThat(slack.port()).isEqualTo(8080);
    assertThat(slack.apiUrl()).isEqualTo(Optional.of("https://slack.example/api/"));
    assertThat(slack.teamId()).isEqualTo("T0001");
    assertThat(slack.appId()).isEmpty();
  }

  @Test
  void consoleAndSlackLiveSideBySide() throws Exception {
    String text =
        CatalogYaml.valid()
            .with(
                "chat",
                "\n  console: {users: [alice, bob]}\n  slack:" + VALID + "\n    team-id: T0001")
            .with("roles", CatalogYaml.CHAT_ROLES)
            .text();
    LoadedConfig config = loading().load(text);
    assertThat(config.console().users()).containsExactly("alice", "bob");
    assertThat(config.slack()).isPresent();
  }

  /** Lines 23 and 24: bot-token, app-token; Socket Mode is the default. */
  private static final String SOCKET =
      "\n    bot-token: env:SLACK_BOT_TOKEN" + "\n    app-token: env:SLACK_APP_TOKEN";

  @Test
  void socketModeIsTheDefaultAndNeedsTheAppToken() throws Exception {
    SlackSettings slack = loading().load(yaml(SOCKET)).slack().orElseThrow();
    assertThat(slack.mode()).isEqualTo(SlackSettings.Mode.SOCKET);
    assertThat(slack.appToken()).hasValue("xapp-1-A1-2-def");
    assertThat(slack.signingSecret()).isEmpty();
    assertThat(slack.toString()).doesNotContain("xapp-1-A1-2-def").doesNotContain("xoxb-");

    assertThat(loading().problems(yaml("\n    bot-token: env:SLACK_BOT_TOKEN")))
        .containsExactly(
            "22: chat.slack.app-token: required; Socket Mode needs it, e.g. env:SLACK_APP_TOKEN");
    assertThat(loading().load(yaml("\n    mode: socket" + SOCKET)).slack().orElseThrow().mode())
        .isEqualTo(SlackSettings.Mode.SOCKET);
  }

  @Test
  void theAppTokenMustLookLikeOne() {
    assertThat(
            new Loading(dir)
                .environment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-2"))
                .problems(yaml(SOCKET)))
        .containsExactly(
            "24: chat.slack.app-token: not an app-level token: it must start with xapp- (the"
                + " App-Level Token with connections:write of the app)")
        .noneMatch(p -> p.contains("xoxb-2"));
  }

  @Test
  void theUserGroupCacheLifetimeIsADuration() throws Exception {
    assertThat(
            loading()
                .load(yaml(SOCKET + "\n    user-group-ttl: 30s"))
                .slack()
                .orElseThrow()
                .userGroupTtl())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(loading().problems(yaml(SOCKET + "\n    user-group-ttl: soon")))
        .containsExactly("25: chat.slack.user-group-ttl: 'soon' is not a duration, e.g. 5m or 30s");
  }

  @Test
  void modeMustBeKnown() {
    assertThat(loading().problems(yaml(VALID.replace("mode: http", "mode: carrier-pigeon"))))
        .containsExactly("23: chat.slack.mode: 'carrier-pigeon' is not a mode; use socket or http");
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
            "22: chat.slack.signing-secret: required; HTTP mode needs it, e.g."
                + " env:SLACK_SIGNING_SECRET");
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
  void apiUrlMustBeHttpsUnlessTheSectionSaysInsecure() throws Exception {
    assertThat(loading().problems(yaml(VALID + "\n    api-url: \"ftp://x/\"")))
        .containsExactly(
            "26: chat.slack.api-url: 'ftp://x/' is not a https URL, e.g."
                + " \"https://slack.com/api/\"");
    assertThat(loading().problems(yaml(VALID + "\n    api-url: \"http://127.0.0.1:9/api\"")))
        .containsExactly(
            "26: chat.slack.api-url: 'http://127.0.0.1:9/api' sends the bot's token in clear: use"
                + " https://, or add insecure: true to this section (for a test double on"
                + " loopback only)");

    SlackSettings plain =
        loading()
            .load(yaml(VALID + "\n    api-url: \"http://127.0.0.1:9/api\"\n    insecure: true"))
            .slack()
            .orElseThrow();
    assertThat(plain.apiUrl()).hasValue("http://127.0.0.1:9/api/");
    assertThat(plain.cleartextWarning())
        .hasValue(
            "chat.slack.insecure is true: the Slack bot token travels in clear to"
                + " http://127.0.0.1:9/api/ (chat.slack.api-url); use https outside a test");
    SlackSettings secure =
        loading()
            .load(yaml(VALID + "\n    api-url: \"https://127.0.0.1:9/api\"\n    insecure: true"))
            .slack()
            .orElseThrow();
    assertThat(secure.cleartextWarning()).isEmpty();
    assertThat(loading().problems(yaml(VALID + "\n    insecure: maybe")))
        .containsExactly("26: chat.slack.insecure: expected true or false, got 'maybe'");
  }

  @Test
  void theWorkspaceIdIsRequiredAndLooksLikeOne() {
    assertThat(loading().problems(bare(VALID)))
        .containsExactly(
            "22: chat.slack.team-id: required; the workspace's id, e.g. \"T024BE7LD\""
                + " (auth.test's team_id)");
    assertThat(loading().problems(bare(VALID + "\n    team-id: acme-corp")))
        .containsExactly(
            "26: chat.slack.team-id: 'acme-corp' is not a workspace id, e.g. \"T024BE7LD\" (see"
                + " the T… in app.slack.com/client/T…/)");
  }

  @Test
  void theAppIdIsOptionalAndLooksLikeOne() throws Exception {
    assertThat(loading().load(yaml(VALID + "\n    app-id: A0001")).slack().orElseThrow().appId())
        .hasValue("A0001");
    assertThat(loading().problems(yaml(VALID + "\n    app-id: T0001")))
        .containsExactly(
            "26: chat.slack.app-id: 'T0001' is not an app id, e.g. \"A0123456789\" (see the"
                + " app's Basic Information page)");
  }

  @Test
  void unknownKeysAreNamed() {
    assertThat(loading().problems(yaml(VALID + "\n    app-tokens: env:SLACK_APP_TOKEN")))
        .containsExactly(
            "26: chat.slack: unknown key 'app-tokens'; expected one of: mode, team-id, app-id,"
                + " bot-token, app-token, signing-secret, http, api-url, insecure,"
                + " user-group-ttl");
  }
}
