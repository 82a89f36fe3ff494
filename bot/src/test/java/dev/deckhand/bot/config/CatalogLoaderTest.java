package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.catalog.ApprovalPolicy;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.FreezeWindow;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.catalog.ReplicaBounds;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  private static final Path DEMO = Path.of("..", "config", "demo.yaml");
  private static final Path EXAMPLE = Path.of("..", "config", "example.yaml");
  private static final Path BROKEN = Path.of("src", "test", "resources", "config", "broken.yaml");
  private static final Map<String, String> SIM =
      Map.of(
          "sim.registry",
          "http://127.0.0.1:5000",
          "sim.health",
          "http://127.0.0.1:8081",
          "sim.prometheus",
          "http://127.0.0.1:8082");

  @TempDir Path dir;

  @Test
  void demoCatalogLoadsTheCoachPilotSetup() throws Exception {
    LoadedConfig config = new Loading(dir).variables(SIM).load(DEMO);
    Catalog catalog = config.catalog();

    assertThat(catalog.serviceNames())
        .containsExactly("gateway", "dashboard", "quiz", "agent", "api", "worker");
    assertThat(catalog.defaultEnvironment()).isEqualTo("staging");
    assertThat(config.prometheus().orElseThrow().url())
        .isEqualTo("http://127.0.0.1:8082/{cluster}");
    assertThat(catalog.environment("prod").orElseThrow().isProtected()).isTrue();
    assertThat(catalog.environment("prod").orElseThrow().channels()).containsExactly("#deploys");
    assertThat(catalog.service("api").orElseThrow().migrationJob().orElseThrow().command())
        .containsExactly("goose", "up");
    assertThat(catalog.service("worker").orElseThrow().image()).isEqualTo("honeydue/api");
    ServiceSpec gateway = catalog.service("gateway").orElseThrow();
    assertThat(gateway.target("prod"))
        .contains(new Target("prod", "coachpilot", "coachpilot-gateway", "gateway"));
    assertThat(gateway.acceptsTag("p10e-mmc-20260519-d4-webhooks")).isTrue();
    assertThat(gateway.replicas()).isEqualTo(new ReplicaBounds(0, 5));
    assertThat(catalog.service("dashboard").orElseThrow().replicas())
        .isEqualTo(ReplicaBounds.DEFAULT);
    assertThat(gateway.checks("staging"))
        .containsExactly(
            new HealthCheck(
                URI.create("http://127.0.0.1:8081/staging/coachpilot/coachpilot-gateway/health"),
                200,
                Duration.ofSeconds(5),
                3,
                Map.of("status", "ok"),
                1,
                null,
                "http://127.0.0.1:8081/{cluster}/{namespace}/{deployment}/health"));
    ServiceSpec quiz = catalog.service("moneyquiz-admin").orElseThrow();
    assertThat(quiz.name()).isEqualTo("quiz");
    assertThat(quiz.target("staging").orElseThrow().container()).isEqualTo("dashboard");
    assertThat(quiz.target("staging").orElseThrow().namespace()).isEqualTo("assess");
    assertThat(catalog.registries().get("default").url())
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(config.registryOf(quiz).name()).isEqualTo("default");
    assertThat(catalog.roles().get("release-managers").hasMember("console", "bob")).isTrue();
    assertThat(catalog.roles().get("release-managers").hasMember("console", "dave")).isTrue();
    assertThat(catalog.roles().get("developers").hasMember("console", "carol")).isTrue();
    assertThat(catalog.roles().get("developers").grants())
        .contains("deploy:*")
        .doesNotContain("approve:prod");
    assertThat(config.console())
        .isEqualTo(
            new ConsoleSettings(List.of("alice", "bob", "carol", "dave"), "alice", "#deploys"));
    assertThat(config.store()).isEmpty();
    assertThat(config.source()).isEqualTo(DEMO);
  }

  @Test
  void demoProdNeedsOneReleaseManagerAndLocksAfterRollback() throws Exception {
    Catalog catalog = new Loading(dir).variables(SIM).load(DEMO).catalog();
    EnvironmentSpec prod = catalog.environment("prod").orElseThrow();
    EnvironmentSpec staging = catalog.environment("staging").orElseThrow();

    assertThat(prod.approvals())
        .isEqualTo(new ApprovalPolicy(1, "release-managers", Duration.ofMinutes(30), Set.of()));
    assertThat(prod.approvals().count()).isEqualTo(1);
    assertThat(prod.approvals().fromRole()).isEqualTo("release-managers");
    assertThat(prod.lockAfterRollback()).isTrue();
    assertThat(prod.freezes()).as("the demo's freeze is commented out").isEmpty();
    assertThat(staging.approvals()).isEqualTo(ApprovalPolicy.NONE);
    assertThat(staging.lockAfterRollback()).isFalse();
  }

  @Test
  void demoSectionListsTagsThatFitEachService() throws Exception {
    DemoSettings demo = new Loading(dir).variables(SIM).load(DEMO).demo().orElseThrow();

    assertThat(demo.replicas()).isEqualTo(3);
    assertThat(demo.progressDeadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(demo.readyDelay()).isEqualTo(Duration.ofMillis(400));
    assertThat(demo.tags())
        .containsOnlyKeys("gateway", "dashboard", "quiz", "agent", "api", "worker");
    assertThat(demo.tagsOf("gateway").get(0)).isEqualTo("p10e-mmc-20260518-c6-mode-keys");
    assertThat(demo.tagsOf("gateway"))
        .filteredOn(t -> t.startsWith("p10e-mmc-20260521"))
        .hasSize(3);
    assertThat(demo.tagsOf("quiz")).containsExactly("v1.6.3", "v1.6.5", "v1.6.6", "v1.7.0-crash");
    for (String service : demo.tags().keySet()) {
      assertThat(demo.tagsOf(service)).anyMatch(t -> t.endsWith("-crash"));
    }
  }

  @Test
  void demoCatalogNeedsTheSimulationVariables() {
    String notDefined =
        " is not defined: no variables are defined here (the ${sim.*} variables exist only in"
            + " demo mode, `deckhand demo`)";
    List<String> services = List.of("gateway", "dashboard", "quiz", "agent", "api");
    List<String> expected = new ArrayList<>();
    expected.add(
        lineOf(DEMO, "${sim.registry}", 0)
            + ": registries.default.url: ${sim.registry}"
            + notDefined);
    expected.add(
        lineOf(DEMO, "${sim.prometheus}", 0) + ": prometheus.url: ${sim.prometheus}" + notDefined);
    for (int i = 0; i < services.size(); i++) {
      expected.add(
          lineOf(DEMO, "${sim.health}", i)
              + ": services."
              + services.get(i)
              + ".verify[0].http: ${sim.health}"
              + notDefined);
    }
    assertThat(new Loading(dir).problems(DEMO)).containsExactlyElementsOf(expected);
  }

  @Test
  void exampleCatalogLoadsWhenItsSecretsAreProvided() throws Exception {
    LoadedConfig config =
        new Loading(dir)
            .environment(
                Map.of(
                    "DECKHAND_DB_URL", "jdbc:postgresql://db:5432/deckhand",
                    "DECKHAND_DB_PASSWORD", "s3cret",
                    "REGISTRY_TOKEN", "dckr_pat_x"))
            .load(EXAMPLE);

    assertThat(config.store())
        .contains(new StoreSettings("jdbc:postgresql://db:5432/deckhand", "deckhand", "s3cret"));
    assertThat(config.catalog().registries().get("default").password()).isEqualTo("dckr_pat_x");
    assertThat(config.catalog().clusters().get("exoscale-zrh").context())
        .isEqualTo("coachpilot-prod");
    assertThat(config.demo()).isEmpty();
    ServiceSpec gateway = config.catalog().service("coachpilot-gateway").orElseThrow();
    assertThat(gateway.replicas()).isEqualTo(new ReplicaBounds(1, 10));
    assertThat(gateway.checks("prod"))
        .extracting(HealthCheck::url)
        .containsExactly(URI.create("https://api.coachpilot.ch/health"));
    assertThat(gateway.checks("staging"))
        .extracting(HealthCheck::url)
        .containsExactly(URI.create("https://staging.api.coachpilot.ch/health"));
    assertThat(config.catalog().service("dashboard").orElseThrow().target("prod").orElseThrow())
        .isEqualTo(new Target("exoscale-zrh", "coachpilot", "dashboard", "dashboard"));
    EnvironmentSpec prod = config.catalog().environment("prod").orElseThrow();
    assertThat(prod.approvals())
        .isEqualTo(
            new ApprovalPolicy(1, "release-managers", Duration.ofMinutes(30), Set.of("rollback")));
    ZoneId zurich = ZoneId.of("Europe/Zurich");
    assertThat(prod.freezes())
        .containsExactly(
            new FreezeWindow(
                "no deploys over the weekend",
                zurich,
                DayOfWeek.FRIDAY,
                LocalTime.of(16, 0),
                DayOfWeek.MONDAY,
                LocalTime.of(8, 0)),
            new FreezeWindow(
                "lunch-hour peak",
                zurich,
                DayOfWeek.WEDNESDAY,
                LocalTime.of(11, 30),
                DayOfWeek.WEDNESDAY,
                LocalTime.of(13, 0)));
    assertThat(prod.lockAfterRollback()).isTrue();
    EnvironmentSpec staging = config.catalog().environment("staging").orElseThrow();
    assertThat(staging.approvals()).isEqualTo(ApprovalPolicy.NONE);
    assertThat(staging.freezes()).isEmpty();
    assertThat(staging.lockAfterRollback()).isFalse();
    // The release managers are people linked on Slack and Discord: one person, one vote.
    var bobOnDiscord =
        config
            .catalog()
            .people()
            .identify(new dev.deckhand.commands.model.Actor("discord", "987654321", "bob"));
    assertThat(bobOnDiscord.person()).isEqualTo("bob");
    assertThat(config.catalog().people().named("bob").orElseThrow().ids())
        .containsEntry("slack", "U024BE7LH");
    assertThat(config.catalog().roles().get("release-managers").people())
        .containsExactly("bob", "dave");
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void exampleCatalogNamesEveryMissingSecret() {
    assertThat(new Loading(dir).problems(EXAMPLE))
        .containsExactly(
            "20: store.url: env:DECKHAND_DB_URL: environment variable DECKHAND_DB_URL is not set",
            "22: store.password: env:DECKHAND_DB_PASSWORD: environment variable"
                + " DECKHAND_DB_PASSWORD is not set",
            "29: registries.default.password: env:REGISTRY_TOKEN: environment variable"
                + " REGISTRY_TOKEN is not set");
  }

  @Test
  void brokenCatalogReportsEveryProblemWithLineAndField() {
    String label =
        " is not a valid name: use lowercase letters, digits and '-', starting and ending with a"
            + " letter or digit, at most 63 characters (a DNS-1123 label)";
    assertThat(new Loading(dir).problems(BROKEN))
        .containsExactly(
            "2: default-environment: unknown environment 'stagin' (did you mean 'staging'?);"
                + " environments are: staging, prod",
            "3: store.url: env:DECKHAND_DB_URL: environment variable DECKHAND_DB_URL is not set",
            "3: store.password: write secrets as env:NAME or file:/path, never inline",
            "5: chat.console.channel: 'deploys' is not a channel name: # and 1 to 79 more"
                + " characters, no spaces, e.g. #deploys",
            "5: chat.console.default-user: unknown user 'dave'; users are: alice, bob",
            "7: registries.default.url: 'registry.example.com' is not an absolute http(s) URL"
                + " like https://host/path",
            "7: registries.default.password: env:REGISTRY_PASSWORD: environment variable"
                + " REGISTRY_PASSWORD is not set",
            "10: clusters.Prod: 'Prod'" + label,
            "10: clusters.Prod.context: required; name a kubeconfig context, or set in-cluster:"
                + " true",
            "12: environments.staging.channels: expected a list like [a, b], got '#deploys'",
            "13: environments.prod.cluster: unknown cluster 'production'; clusters are: staging,"
                + " Prod",
            "13: environments.prod.protected: expected true or false, got 'yes'",
            "13: environments.prod.approvals.from: unknown role 'admins'; roles are: devs",
            "13: environments.prod.approvals.expires: '2d' is not a duration; write e.g. 400ms,"
                + " 5s, 2m or 2h",
            "13: environments.prod.freezes[0].to: the window ends when it starts (fri 16:00), so"
                + " it covers nothing; give a later day or time",
            "15: roles.devs.grants[1]: unknown action 'deploi' in grant 'deploi:prod'; actions"
                + " are: "
                + String.join(", ", RoleSection.ACTIONS),
            "15: roles.devs.grants[2]: unknown environment 'qa'; environments are: staging, prod,"
                + " or * for all (in grant 'status:qa')",
            "15: roles.devs.grants[3]: grant 'lock' must be action:environment, e.g."
                + " deploy:staging or status:*",
            "18: services.gateway.aliases[1]: alias 'quiz' is already the name of service 'quiz'",
            "19: services.gateway.image: give the image without a tag"
                + " ('synergygroup/coachpilot-gateway'); the tag is chosen by /deploy",
            "20: services.gateway.tag-pattern: not a valid regular expression: Unclosed group at"
                + " index 11",
            "22: services.gateway.targets.staging: unknown key 'namepsace'; expected one of:"
                + " namespace, deployment, container, verify",
            "22: services.gateway.targets.staging.namespace: required",
            "23: services.gateway.targets.qa: unknown environment 'qa'; environments are:"
                + " staging, prod",
            "25: services.gateway.verify[0].http: ${sim.health} is not defined: no variables are"
                + " defined here (the ${sim.*} variables exist only in demo mode, `deckhand"
                + " demo`)",
            "25: services.gateway.verify[0].expect-status: expected a whole number from 100 to"
                + " 599, got '700'",
            "25: services.gateway.verify[0].attempts: expected a whole number from 1 to 20, got"
                + " '0'",
            "26: services.gateway.verify[1].http: unknown placeholder {pod}; use {env},"
                + " {cluster}, {namespace}, {deployment}, {service}",
            "26: services.gateway.verify[1].timeout: '5 seconds' is not a duration; write e.g."
                + " 400ms, 5s, 2m or 2h",
            "27: services.quiz.image: required",
            "28: services.quiz.aliases[0]: alias 'coachpilot-gateway' is also an alias of service"
                + " 'gateway'",
            "30: services.quiz.targets.staging.namespace: 'Assess'" + label,
            "30: services.quiz.targets.staging.container: 'Dash_Board'" + label,
            "33: services.wordpress.targets: at least one target is required: environment:"
                + " {namespace, deployment}",
            "35: demo.replicas: expected a whole number from 1 to 20, got '0'",
            "37: demo.tags.gateway: list at least one tag; the first one runs when the demo starts",
            "38: demo.tags.moneyquiz: unknown service 'moneyquiz'; services are: gateway, quiz,"
                + " wordpress");
  }

  @Test
  void messageListsEveryProblemOnItsOwnLineNamingTheFile() {
    assertThatThrownBy(() -> new Loading(dir).load(BROKEN))
        .isInstanceOf(CatalogException.class)
        .satisfies(
            e -> {
              String[] lines = e.getMessage().split("\n");
              assertThat(lines).hasSize(37);
              assertThat(lines[0])
                  .isEqualTo(
                      BROKEN
                          + ":2: default-environment: unknown environment 'stagin' (did you mean"
                          + " 'staging'?); environments are: staging, prod");
              assertThat(lines)
                  .contains(BROKEN + ":22: services.gateway.targets.staging.namespace: required");
            });
  }

  @Test
  void yamlSyntaxErrorIsReportedWithItsLine() {
    String yaml = "clusters:\n  prod: {context: prod}\nenvironments:\n  prod: [cluster: prod\n";

    assertThat(new Loading(dir).problems(yaml))
        .singleElement()
        .asString()
        .startsWith("5: YAML syntax error: expected ',' or ']', but got <stream end>")
        .contains("that starts at line 4");
  }

  @Test
  void tabIndentationIsASyntaxError() {
    assertThat(new Loading(dir).problems("clusters:\n\tprod: {context: prod}\n"))
        .singleElement()
        .asString()
        .startsWith("2: YAML syntax error:");
  }

  @Test
  void emptyAndMissingFilesAreRefused() {
    assertThat(new Loading(dir).problems("# nothing yet\n"))
        .containsExactly("0: the file is empty; config/example.yaml shows what a catalog holds");
    assertThat(new Loading(dir).problems(dir.resolve("absent.yaml")))
        .containsExactly("0: no such file");
  }

  @Test
  void problemRendersFileLineFieldAndMessage() {
    Path file = Path.of("config", "demo.yaml");
    assertThat(new Problem(file, 12, "services.gateway.targets.prod.namespace", "required"))
        .hasToString("config/demo.yaml:12: services.gateway.targets.prod.namespace: required");
    assertThat(new Problem(file, 3, "", "YAML syntax error: x").render())
        .isEqualTo("config/demo.yaml:3: YAML syntax error: x");
    assertThat(new Problem(file, 0, "", "no such file").render())
        .isEqualTo("config/demo.yaml: no such file");
  }

  /**
   * The 1-based line of the {@code n}th (from 0) line, not a comment, that contains {@code text}.
   */
  private static int lineOf(Path file, String text, int n) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(file);
      int seen = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.startsWith("#") && line.contains(text) && seen++ == n) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError(file + " has no line " + n + " with " + text);
  }
}
