package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross references, names, aliases, grants and the console's users. */
class ReferenceRulesTest {
  private static final String LABEL =
      " is not a valid name: use lowercase letters, digits and '-', starting and ending with a"
          + " letter or digit, at most 63 characters (a DNS-1123 label)";

  @TempDir Path dir;

  private List<String> problems(CatalogYaml yaml) {
    return new Loading(dir).problems(yaml.text());
  }

  @Test
  void environmentMustNameADeclaredCluster() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with("environments", "\n  staging: {cluster: stagin}\n  prod: {cluster: prod}");

    assertThat(problems(yaml))
        .containsExactly(
            "7: environments.staging.cluster: unknown cluster 'stagin' (did you mean"
                + " 'staging'?); clusters are: staging, prod");
  }

  @Test
  void targetMustNameADeclaredEnvironment() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "services",
                "\n  gateway:\n    image: acme/gateway\n    targets:\n"
                    + "      prd: {namespace: web, deployment: gateway}");

    assertThat(problems(yaml))
        .containsExactly(
            "13: services.gateway.targets.prd: unknown environment 'prd' (did you mean"
                + " 'prod'?); environments are: staging, prod");
  }

  @Test
  void brokenEnvironmentIsNotReportedAgainByItsTargets() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with("environments", "\n  staging: {cluster: nowhere}\n  prod: {cluster: prod}");

    assertThat(problems(yaml)).hasSize(1).allMatch(p -> p.contains("unknown cluster 'nowhere'"));
  }

  @Test
  void defaultEnvironmentMustExist() {
    CatalogYaml yaml = CatalogYaml.valid().with("default-environment", " qa");

    assertThat(problems(yaml))
        .containsExactly(
            "21: default-environment: unknown environment 'qa'; environments are: staging, prod");
  }

  @Test
  void protectedDefaultEnvironmentIsAllowed() throws Exception {
    CatalogYaml yaml = CatalogYaml.valid().with("default-environment", " prod");

    assertThat(new Loading(dir).load(yaml.text()).catalog().defaultEnvironment()).isEqualTo("prod");
  }

  @Test
  void namesAreLowercaseDnsLabels() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with("clusters", "\n  staging: {context: staging}\n  prod_1: {context: prod}")
            .with("environments", "\n  staging: {cluster: staging}\n  Prod: {cluster: prod_1}")
            .with(
                "services",
                "\n  Gateway:\n    aliases: [-gw]\n    image: acme/gateway\n    targets:\n"
                    + "      staging: {namespace: web.x, deployment: Gw, container: gw.1}");

    assertThat(problems(yaml))
        .containsExactly(
            "5: clusters.prod_1: 'prod_1'" + LABEL,
            "8: environments.Prod: 'Prod'" + LABEL,
            "10: services.Gateway: 'Gateway'" + LABEL,
            "11: services.Gateway.aliases[0]: '-gw'" + LABEL,
            "14: services.Gateway.targets.staging.namespace: 'web.x'" + LABEL,
            "14: services.Gateway.targets.staging.deployment: 'Gw' is not a valid name: use"
                + " lowercase letters, digits, '-' and '.', each part starting and ending with a"
                + " letter or digit (a DNS-1123 subdomain)",
            "14: services.Gateway.targets.staging.container: 'gw.1'" + LABEL);
  }

  @Test
  void deploymentNamesMayHoldDots() throws Exception {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "services",
                "\n  api:\n    image: acme/api\n    targets:\n"
                    + "      staging: {namespace: web, deployment: api.v2}");

    assertThat(new Loading(dir).load(yaml.text()).catalog().service("api").orElseThrow())
        .satisfies(
            s -> assertThat(s.target("staging").orElseThrow().container()).isEqualTo("api.v2"));
  }

  @Test
  void aliasesCollideWithNoNameOrOtherAlias() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "services",
                """

                  gateway:
                    aliases: [gw, gateway, dashboard, gw]
                    image: acme/gateway
                    targets: {staging: {namespace: web, deployment: gateway}}
                  dashboard:
                    aliases: [gw]
                    image: acme/dashboard
                    targets: {staging: {namespace: web, deployment: dashboard}}
                """);

    assertThat(problems(yaml))
        .containsExactly(
            "11: services.gateway.aliases[1]: alias 'gateway' repeats the service's own name",
            "11: services.gateway.aliases[2]: alias 'dashboard' is already the name of service"
                + " 'dashboard'",
            "11: services.gateway.aliases[3]: alias 'gw' is listed twice",
            "15: services.dashboard.aliases[0]: alias 'gw' is also an alias of service"
                + " 'gateway'");
  }

  @Test
  void grantsAreActionColonEnvironment() throws Exception {
    String roles =
        "\n  devs:\n    slack: [U1]\n    grants: [\"deploy:staging\", \"*:*\", \"break-glass:prod\","
            + " \"freeze:*\"]";

    LoadedConfig config = new Loading(dir).load(CatalogYaml.valid().with("roles", roles).text());

    assertThat(config.catalog().roles().get("devs").grants())
        .containsExactly("deploy:staging", "*:*", "break-glass:prod", "freeze:*");
    assertThat(config.catalog().roles().get("devs").hasMember("slack", "U1")).isTrue();
  }

  @Test
  void badGrantsAreEachReported() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with("roles", "\n  devs:\n    grants: [\"depoy:prod\", \"deploy:prd\", deploy, \"\"]");

    assertThat(problems(yaml))
        .containsExactly(
            "23: roles.devs.grants[0]: unknown action 'depoy' in grant 'depoy:prod'; actions"
                + " are: "
                + String.join(", ", RoleSection.ACTIONS),
            "23: roles.devs.grants[1]: unknown environment 'prd' (did you mean 'prod'?);"
                + " environments are: staging, prod, or * for all (in grant 'deploy:prd')",
            "23: roles.devs.grants[2]: grant 'deploy' must be action:environment, e.g."
                + " deploy:staging or status:*",
            "23: roles.devs.grants[3]: grant '' must be action:environment, e.g. deploy:staging"
                + " or status:*");
  }

  @Test
  void roleMembersArePerPlatform() {
    CatalogYaml yaml = CatalogYaml.valid().with("roles", "\n  devs: {teams: [x]}");

    assertThat(problems(yaml))
        .containsExactly(
            "22: roles.devs: unknown key 'teams'; expected one of: people, console, slack,"
                + " discord, grants");
  }

  @Test
  void consoleDefaultUserMustBeAUser() {
    CatalogYaml yaml =
        CatalogYaml.valid().with("chat", "\n  console: {users: [alice, bob], default-user: eve}");

    assertThat(problems(yaml))
        .containsExactly(
            "22: chat.console.default-user: unknown user 'eve'; users are: alice, bob");
  }

  @Test
  void consoleUsersDefaultToTheFirstAndMustBeDistinct() throws Exception {
    CatalogYaml ok = CatalogYaml.valid().with("chat", "\n  console: {users: [bob, carol]}");
    CatalogYaml twice = CatalogYaml.valid().with("chat", "\n  console: {users: [bob, bob]}");
    CatalogYaml none = CatalogYaml.valid().with("chat", "\n  console: {users: []}");

    assertThat(new Loading(dir).load(ok.text()).console())
        .isEqualTo(new ConsoleSettings(List.of("bob", "carol"), "bob"));
    assertThat(problems(twice))
        .containsExactly("22: chat.console.users: user 'bob' is listed twice");
    assertThat(problems(none))
        .containsExactly("22: chat.console.users: at least one user is required");
  }

  @Test
  void consoleChannelDefaultsToConsoleAndMayBeSet() throws Exception {
    CatalogYaml named = CatalogYaml.valid().with("chat", "\n  console: {channel: \"#deploys\"}");

    assertThat(new Loading(dir).load(CatalogYaml.valid().text()).console().channel())
        .isEqualTo("#console");
    assertThat(new Loading(dir).load(named.text()).console())
        .isEqualTo(new ConsoleSettings(List.of("alice"), "alice", "#deploys"));
  }

  @Test
  void consoleChannelIsAHashAndUpToEightyCharactersWithoutSpaces() {
    String problem =
        " is not a channel name: # and 1 to 79 more characters, no spaces, e.g. #deploys";
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "chat",
                """

                  console:
                    users: [alice]
                    channel: "deploys"
                """);

    assertThat(problems(yaml)).containsExactly("24: chat.console.channel: 'deploys'" + problem);
    assertThat(problems(yaml.with("chat", "\n  console: {channel: \"#\"}")))
        .containsExactly("22: chat.console.channel: '#'" + problem);
    assertThat(problems(yaml.with("chat", "\n  console: {channel: \"#two words\"}")))
        .containsExactly("22: chat.console.channel: '#two words'" + problem);
    String tooLong = "#" + "d".repeat(80);
    assertThat(problems(yaml.with("chat", "\n  console: {channel: \"" + tooLong + "\"}")))
        .containsExactly("22: chat.console.channel: " + YamlNode.quote(tooLong) + problem);
  }

  @Test
  void consoleChannelMayBeEightyCharacters() throws Exception {
    String longest = "#" + "d".repeat(79);
    CatalogYaml yaml =
        CatalogYaml.valid().with("chat", "\n  console: {channel: \"" + longest + "\"}");

    assertThat(new Loading(dir).load(yaml.text()).console().channel()).isEqualTo(longest);
  }

  @Test
  void unquotedConsoleChannelIsACommentAndSaysSo() {
    CatalogYaml yaml = CatalogYaml.valid().with("chat", "\n  console:\n    channel: #deploys");

    assertThat(problems(yaml))
        .containsExactly(
            "23: chat.console.channel: empty; write the channel in quotes, e.g. \"#deploys\"");
  }

  @Test
  void onlyTheConsoleSlackAndDiscordChatsAreConfiguredHere() {
    CatalogYaml yaml = CatalogYaml.valid().with("chat", "\n  teams: {bot-token: env:X}");

    assertThat(problems(yaml))
        .containsExactly("22: chat: unknown key 'teams'; expected one of: console, slack, discord");
  }
}
