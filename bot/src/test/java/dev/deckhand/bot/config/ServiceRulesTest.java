package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.catalog.ReplicaBounds;
import dev.deckhand.commands.catalog.ServiceSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services: image, registry, tag pattern, targets and health checks. */
class ServiceRulesTest {
  /** A valid service api, for a test to add one key to. */
  private static final String API =
      "    image: acme/api\n    targets: {staging: {namespace: web, deployment: api}}\n";

  @TempDir Path dir;

  private static CatalogYaml withService(String body) {
    return CatalogYaml.valid().with("services", "\n  api:\n" + body.stripTrailing());
  }

  private List<String> problems(CatalogYaml yaml) {
    return new Loading(dir).problems(yaml.text());
  }

  /** The problems of service api with {@code more} keys. */
  private List<String> apiProblems(String more) {
    return problems(withService(API + more));
  }

  private ServiceSpec api(CatalogYaml yaml) throws CatalogException {
    return new Loading(dir).load(yaml.text()).catalog().service("api").orElseThrow();
  }

  @Test
  void containerDefaultsToTheDeploymentName() throws Exception {
    ServiceSpec api =
        api(
            withService(
                """
                    image: acme/api
                    targets: {staging: {namespace: web, deployment: api-server}}
                """));

    assertThat(api.target("staging").orElseThrow().container()).isEqualTo("api-server");
    assertThat(api.target("staging").orElseThrow().cluster()).isEqualTo("staging");
    assertThat(api.tagPattern()).isNull();
    assertThat(api.checks("staging")).isEmpty();
  }

  @Test
  void imageComesWithoutTagOrDigest() {
    assertThat(problems(withService("    image: acme/api@sha256:abc\n    targets: {}")))
        .contains(
            "11: services.api.image: give the image without a digest; Deckhand records digests"
                + " itself");
    assertThat(problems(withService("    image: Acme/API\n    targets: {}")))
        .contains(
            "11: services.api.image: 'Acme/API' is not a valid image name: lowercase path parts"
                + " separated by '/', e.g. synergygroup/coachpilot-gateway or"
                + " registry.example.com/team/app");
  }

  @Test
  void imageMayNameARegistryHostWithPort() throws Exception {
    ServiceSpec api =
        api(
            withService(
                """
                    image: registry.example.com:5000/team/api
                    targets: {staging: {namespace: web, deployment: api}}
                """));

    assertThat(api.image()).isEqualTo("registry.example.com:5000/team/api");
  }

  @Test
  void tagPatternMustCompileAndIsMatchedWhole() throws Exception {
    assertThat(
            problems(
                withService("    image: acme/api\n    tag-pattern: 'v[0-9+'\n    targets: {}")))
        .contains(
            "12: services.api.tag-pattern: not a valid regular expression: Unclosed character"
                + " class at index 5");
    ServiceSpec api =
        api(
            withService(
                """
                    image: acme/api
                    tag-pattern: 'v\\d+'
                    targets: {staging: {namespace: web, deployment: api}}
                """));
    assertThat(api.acceptsTag("v12")).isTrue();
    assertThat(api.acceptsTag("v12-rc")).isFalse();
  }

  @Test
  void targetsMustNotBeEmpty() {
    assertThat(problems(withService("    image: acme/api\n    targets: {}")))
        .containsExactly(
            "12: services.api.targets: at least one target is required: environment:"
                + " {namespace, deployment}");
  }

  @Test
  void registryDefaultsToDefaultAndMustExist() throws Exception {
    CatalogYaml two =
        withService(
                """
                    image: acme/api
                    registry: gitea
                    targets: {staging: {namespace: web, deployment: api}}
                """)
            .with(
                "registries",
                "\n  default: {url: \"https://a.example\"}\n  gitea: {url: \"https://b.example\"}");
    LoadedConfig config = new Loading(dir).load(two.text());
    ServiceSpec api = config.catalog().service("api").orElseThrow();
    assertThat(config.registryOf(api).url()).isEqualTo(URI.create("https://b.example"));

    assertThat(problems(two.with("registries", "\n  default: {url: \"https://a.example\"}")))
        .containsExactly(
            "12: services.api.registry: unknown registry 'gitea'; registries are: default");
  }

  @Test
  void severalRegistriesWithoutDefaultNeedAnExplicitOne() throws Exception {
    CatalogYaml yaml =
        withService(
                "    image: acme/api\n    targets: {staging: {namespace: web, deployment: api}}")
            .with(
                "registries",
                "\n  hub: {url: \"https://a.example\"}\n  gitea: {url: \"https://b.example\"}");
    assertThat(problems(yaml))
        .containsExactly(
            "11: services.api.registry: required: there are several registries and none is"
                + " named 'default'; say which one holds this image (one of hub, gitea)");

    CatalogYaml single = yaml.with("registries", "\n  hub: {url: \"https://a.example\"}");
    LoadedConfig config = new Loading(dir).load(single.text());
    assertThat(config.serviceRegistries()).containsEntry("api", "hub");
  }

  @Test
  void verifyPlaceholdersAreExpandedPerTargetAndTargetChecksReplaceTheServices() throws Exception {
    ServiceSpec api =
        api(
            withService(
                """
                    image: acme/api
                    targets:
                      staging: {namespace: web, deployment: api}
                      prod:
                        namespace: web
                        deployment: api
                        verify: [{http: "https://api.example.com/ready", expect-status: 204}]
                    verify:
                      - http: "https://{env}.example.com/{cluster}/{namespace}/{deployment}"
                        timeout: 2m
                        attempts: 20
                        expect-json: {status: ok, version: "*", ready: true}
                """));

    assertThat(api.checks("staging"))
        .containsExactly(
            new HealthCheck(
                URI.create("https://staging.example.com/staging/web/api"),
                200,
                Duration.ofMinutes(2),
                20,
                Map.of("status", "ok", "version", "*", "ready", "true"),
                1,
                null,
                "https://{env}.example.com/{cluster}/{namespace}/{deployment}"));
    assertThat(api.checks("prod"))
        .containsExactly(
            new HealthCheck(
                URI.create("https://api.example.com/ready"),
                204,
                Duration.ofSeconds(5),
                3,
                Map.of()));
  }

  @Test
  void verifyChecksAreValidated() {
    CatalogYaml yaml =
        withService(
            """
                image: acme/api
                targets: {staging: {namespace: web, deployment: api}}
                verify:
                  - {http: "ftp://example.com/x"}
                  - {http: "https://x/{tenant}", expect-status: 99, attempts: 21, timeout: 0s}
                  - {expect-status: 200, retries: 3}
                  - {http: "https://x", expect-json: {status: }}
                  - just-a-url
            """);

    assertThat(problems(yaml))
        .containsExactly(
            "14: services.api.verify[0].http: 'ftp://example.com/x' is not an absolute http(s)"
                + " URL like https://host/path",
            "15: services.api.verify[1].http: unknown placeholder {tenant}; use {env},"
                + " {cluster}, {namespace}, {deployment}, {service}",
            "15: services.api.verify[1].expect-status: expected a whole number from 100 to 599,"
                + " got '99'",
            "15: services.api.verify[1].timeout: '0s' is not a duration; write e.g. 400ms, 5s, 2m"
                + " or 2h",
            "15: services.api.verify[1].attempts: expected a whole number from 1 to 20, got '21'",
            "16: services.api.verify[2]: unknown key 'retries'; expected one of: http,"
                + " expect-status, timeout, attempts, expect-json, consecutive, max-latency",
            "16: services.api.verify[2].http: required; the URL to GET, e.g."
                + " https://host/health",
            "17: services.api.verify[3].expect-json.status: give the expected value, or \"*\" for"
                + " any value",
            "18: services.api.verify[4]: expected a map (key: value), got 'just-a-url'");
  }

  @Test
  void aCheckMayNeedSeveralPassesInARowAJsonPathAndALatencyBound() throws Exception {
    ServiceSpec api =
        api(
            withService(
                """
                    image: acme/api
                    targets: {staging: {namespace: web, deployment: api}}
                    verify:
                      - http: "https://api.example.com/health"
                        consecutive: 5
                        max-latency: 300ms
                        expect-json: {checks.db.status: up}
                """));

    assertThat(api.checks("staging"))
        .containsExactly(
            new HealthCheck(
                URI.create("https://api.example.com/health"),
                200,
                Duration.ofSeconds(5),
                5,
                Map.of("checks.db.status", "up"),
                5,
                Duration.ofMillis(300)));
    assertThat(
            problems(
                withService(
                    API
                        + "    verify: [{http: \"https://x\", consecutive: 4, attempts: 3,"
                        + " max-latency: 2m}]")))
        .containsExactly(
            "13: services.api.verify[0].attempts: attempts (3) must be at least consecutive (4);"
                + " write e.g. attempts: 4",
            "13: services.api.verify[0].max-latency: expected a duration from 1ms to 1m, got"
                + " '2m'");
  }

  @Test
  void clusterIsAContextOrInCluster() throws Exception {
    CatalogYaml inCluster =
        CatalogYaml.valid()
            .with(
                "clusters",
                "\n  staging: {in-cluster: true}\n  prod: {context: prod, kubeconfig: /k}");
    LoadedConfig config = new Loading(dir).load(inCluster.text());
    assertThat(config.catalog().clusters().get("staging").inCluster()).isTrue();
    assertThat(config.catalog().clusters().get("prod").kubeconfig()).isEqualTo("/k");

    CatalogYaml both =
        CatalogYaml.valid()
            .with(
                "clusters", "\n  staging: {in-cluster: true, context: x}\n  prod: {context: prod}");
    assertThat(problems(both))
        .containsExactly(
            "4: clusters.staging.in-cluster: in-cluster: true uses the bot's own service account;"
                + " remove context and kubeconfig, or set in-cluster: false");
  }

  @Test
  void environmentDefaults() throws Exception {
    LoadedConfig config = new Loading(dir).load(CatalogYaml.valid().text());

    assertThat(config.catalog().environment("staging").orElseThrow())
        .satisfies(
            e -> {
              assertThat(e.isProtected()).isFalse();
              assertThat(e.autoRollback()).isTrue();
              assertThat(e.channels()).isEmpty();
            });
  }

  @Test
  void replicasBoundTheScaleAndDefaultToZeroToFifty() throws Exception {
    String targets = "    targets: {staging: {namespace: web, deployment: api}}\n";
    ServiceSpec bounded =
        api(withService("    image: acme/api\n" + targets + "    replicas: {min: 1, max: 5}"));
    ServiceSpec onlyMax =
        api(withService("    image: acme/api\n" + targets + "    replicas: {max: 8}"));
    ServiceSpec none = api(withService("    image: acme/api\n" + targets));

    assertThat(bounded.replicas()).isEqualTo(new ReplicaBounds(1, 5));
    assertThat(onlyMax.replicas()).isEqualTo(new ReplicaBounds(0, 8));
    assertThat(none.replicas()).isEqualTo(ReplicaBounds.DEFAULT);
  }

  @Test
  void replicasMustBeWholeNumbersFromZeroWithMinAtMostMax() {
    assertThat(apiProblems("    replicas: {min: -1, max: 5}"))
        .containsExactly(
            "13: services.api.replicas.min: expected a whole number from 0 to 10000, got '-1'");
    assertThat(apiProblems("    replicas: {min: 1, max: 2.5}"))
        .containsExactly(
            "13: services.api.replicas.max: expected a whole number from 0 to 10000, got '2.5'");
    assertThat(apiProblems("    replicas:\n      min: 6\n      max: 5"))
        .containsExactly(
            "14: services.api.replicas.min: min 6 is more than max 5; write e.g. {min: 5, max: 6}");
    assertThat(apiProblems("    replicas: {min: 60}"))
        .containsExactly(
            "13: services.api.replicas.min: min 60 is more than max 50; write e.g. {min: 50, max:"
                + " 60} (max is 50 when not given)");
    assertThat(apiProblems("    replicas: {min: 1, maximum: 5}"))
        .containsExactly(
            "13: services.api.replicas: unknown key 'maximum'; expected one of: min, max");
    assertThat(apiProblems("    replicas: 3"))
        .containsExactly("13: services.api.replicas: expected a map (key: value), got '3'");
  }

  @Test
  void aMigrationJobIsAnArgvListWithAThirtyMinuteDefaultTimeout() throws Exception {
    ServiceSpec goose = api(withService(API + "    migrate: {job: {command: [goose, up]}}"));
    ServiceSpec timed =
        api(withService(API + "    migrate:\n      job: {command: [goose, -v, up], timeout: 2h}"));
    ServiceSpec none = api(withService(API));

    assertThat(goose.migrationJob().orElseThrow().command()).containsExactly("goose", "up");
    assertThat(goose.migrationJob().orElseThrow().timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(timed.migrationJob().orElseThrow().command()).containsExactly("goose", "-v", "up");
    assertThat(timed.migrationJob().orElseThrow().timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(none.migrationJob()).isEmpty();
  }

  @Test
  void aWrongMigrationSaysWhatToWrite() {
    assertThat(apiProblems("    migrate: {job: {command: goose up}}"))
        .containsExactly(
            "13: services.api.migrate.job.command: write the command as a list, e.g. [goose, up]:"
                + " Deckhand starts it without a shell");
    assertThat(apiProblems("    migrate: {job: {command: []}}"))
        .containsExactly(
            "13: services.api.migrate.job.command: must not be empty; write e.g. [goose, up]");
    assertThat(apiProblems("    migrate: {job: {timeout: 10m}}"))
        .containsExactly(
            "13: services.api.migrate.job.command: required; write the argv list, e.g. [goose,"
                + " up]");
    assertThat(apiProblems("    migrate: {job: {command: [a], timeout: 30s}}"))
        .containsExactly(
            "13: services.api.migrate.job.timeout: expected a duration from 1m to 24h, got '30s'");
    assertThat(apiProblems("    migrate: {jobs: {command: [a]}}"))
        .anySatisfy(p -> assertThat(p).contains("unknown key 'jobs'; expected one of: job"));
    assertThat(apiProblems("    migrate:"))
        .containsExactly(
            "13: services.api.migrate: must not be empty; write e.g. {job: {command: [goose,"
                + " up]}}");
  }

  @Test
  void hooksAreTemplatesWithSecretHeadersFromReferences() throws Exception {
    ServiceSpec api =
        api(
            withService(
                API
                    + "    hooks:\n"
                    + "      - name: purge-cdn\n"
                    + "        url: \"https://cdn.example.com/{env}/purge\"\n"
                    + "        headers: {Authorization: \"env:CDN_TOKEN\", X-Source: deckhand}\n"
                    + "        body: '{\"tag\": \"{tag}\"}'\n"
                    + "        environments: [staging]"));
    var hook = api.hooks("staging").get(0);
    assertThat(hook.method()).isEqualTo("POST");
    assertThat(hook.attempts()).isEqualTo(3);
    assertThat(hook.url(Map.of("env", "staging", "tag", "v1", "service", "api", "image", "x")))
        .hasToString("https://cdn.example.com/staging/purge");
    assertThat(hook.body(Map.of("env", "staging", "tag", "v1", "service", "api", "image", "x")))
        .isEqualTo("{\"tag\": \"v1\"}");
    assertThat(hook.headers().get("Authorization").describe()).isEqualTo("env:CDN_TOKEN");
    assertThat(hook.headers().get("X-Source").read()).isEqualTo("deckhand");
    assertThat(api.hooks("prod")).isEmpty();
  }

  @Test
  void aWrongHookSaysWhatToWriteAndNeverQuotesAnInlineSecret() {
    assertThat(
            problems(
                withService(
                    API
                        + "    hooks:\n"
                        + "      - {name: purge, url: \"https://x/{release}\", method: FETCH}\n"
                        + "      - {name: p2, url: \"https://x\", headers: {Authorization: Bearer"
                        + " abc123secret}}\n"
                        + "      - {url: \"https://x\", environments: [qa]}")))
        .containsExactly(
            "14: services.api.hooks[0].method: 'FETCH' is not a method; use one of POST, PUT,"
                + " PATCH, GET, DELETE",
            "14: services.api.hooks[0].url: unknown placeholder {release}; use {service}, {env},"
                + " {tag}, {image}",
            "15: services.api.hooks[1].headers.Authorization: this looks like a secret written"
                + " inline; write env:NAME or file:/path instead",
            "16: services.api.hooks[2].name: required",
            "16: services.api.hooks[2].environments[0]: unknown environment 'qa'; environments"
                + " are: staging, prod");
  }
}
