package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.catalog.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's config: ConfigMaps per environment from files, a Secret's keys from references. */
class ConfigRulesTest {
  @TempDir Path dir;

  private static final String TARGETS =
      "    image: acme/api\n"
          + "    targets: {staging: {namespace: web, deployment: api}, prod: {namespace: web,"
          + " deployment: api}}\n";

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        dir.resolve("config/api.staging.env"),
        "# staging\nLOG_LEVEL=debug\n\nexport FEATURE_X=\"on\"\nDB_PASSWORD='p w'\n");
    Files.writeString(
        dir.resolve("config/api.prod.yaml"), "LOG_LEVEL: warn\nWORKERS: 4\nTLS: true\n");
    Files.writeString(dir.resolve("tls.key"), "  key-bytes \n");
  }

  private static CatalogYaml withService(String body) {
    return CatalogYaml.valid().with("services", "\n  api:\n" + TARGETS + body.stripTrailing());
  }

  private List<String> problems(String body) {
    return new Loading(dir).problems(withService(body).text());
  }

  private ServiceSpec api(String body, Map<String, String> environment) throws CatalogException {
    return new Loading(dir)
        .environment(environment)
        .load(withService(body).text())
        .catalog()
        .service("api")
        .orElseThrow();
  }

  @Test
  void readsConfigMapsFromEnvFilesAndYamlRelativeToTheCatalog() throws Exception {
    ServiceConfig config =
        api(
                """
                    config:
                      staging: { configmap: api-env, from: "env-file:config/api.staging.env" }
                      prod: { configmap: api-env, from: "yaml:config/api.prod.yaml" }
                """,
                Map.of())
            .config();
    assertThat(config.configMap("staging").orElseThrow().name()).isEqualTo("api-env");
    assertThat(config.configMap("staging").orElseThrow().source().describe())
        .isEqualTo("env-file:config/api.staging.env");
    assertThat(config.configMap("staging").orElseThrow().source().read())
        .containsExactly(
            Map.entry("LOG_LEVEL", "debug"),
            Map.entry("FEATURE_X", "on"),
            Map.entry("DB_PASSWORD", "p w"));
    assertThat(config.configMap("prod").orElseThrow().source().read())
        .isEqualTo(Map.of("LOG_LEVEL", "warn", "WORKERS", "4", "TLS", "true"));
    assertThat(config.secret()).isEmpty();
  }

  @Test
  void readsSecretKeysFromReferencesWhenAskedNotAtLoad() throws Exception {
    ServiceConfig config =
        api(
                """
                    secret: api-secrets
                    secret-keys: { API_TOKEN: "env:API_TOKEN", TLS_KEY: "file:tls.key" }
                """,
                Map.of())
            .config();
    assertThat(config.secret()).isEqualTo("api-secrets");
    assertThat(config.secretKeys()).containsOnlyKeys("API_TOKEN", "TLS_KEY");
    assertThat(config.secretKeys().get("TLS_KEY").read()).isEqualTo("key-bytes");
    assertThat(config.secretKeys().get("TLS_KEY").describe())
        .isEqualTo("file:" + dir.resolve("tls.key"));
    // unset at load is fine: the value is read when /secret-update plans
    assertThatThrownBy(() -> config.secretKeys().get("API_TOKEN").read())
        .isInstanceOf(ServiceConfig.SourceException.class)
        .hasMessage("environment variable API_TOKEN is not set");
  }

  @Test
  void aServiceWithoutConfigHasNone() throws Exception {
    assertThat(api("", Map.of()).config()).isEqualTo(ServiceConfig.NONE);
  }

  @Test
  void refusesBadConfigWithWhatToWriteInstead() {
    assertThat(
            problems(
                """
                    config:
                      qa: { configmap: api-env, from: "env-file:config/api.staging.env" }
                      staging: { configmap: Api_Env, from: "config/api.staging.env", extra: 1 }
                      prod: { configmap: api-env, from: "env-file:config/missing.env" }
                """))
        .containsExactly(
            "14: services.api.config.qa: unknown environment 'qa'; environments are: staging,"
                + " prod (config is given per environment the service runs in)",
            "15: services.api.config.staging: unknown key 'extra'; expected one of: configmap,"
                + " from",
            "15: services.api.config.staging.configmap: 'Api_Env' is not a valid name: use"
                + " lowercase letters, digits, '-' and '.', each part starting and ending with a"
                + " letter or digit (a DNS-1123 subdomain)",
            "15: services.api.config.staging.from: 'config/api.staging.env' is not a source;"
                + " write env-file:PATH (KEY=VALUE lines) or yaml:PATH (a map of strings),"
                + " relative to the catalog's directory",
            "16: services.api.config.prod.from: file "
                + dir.resolve("config/missing.env")
                + " does not exist (relative paths start at the catalog's directory, "
                + dir
                + ")");
  }

  @Test
  void refusesSecretKeysThatAreNotReferences() {
    assertThat(
            problems(
                """
                    secret: api-secrets
                    secret-keys: { API_TOKEN: "hunter2-inline", "bad key": "env:X", DB: "env:1X" }
                """))
        .containsExactly(
            "14: services.api.secret-keys.API_TOKEN: write where the value comes from as"
                + " env:NAME or file:/path, never the value itself",
            "14: services.api.secret-keys.bad key: 'bad key' is not a Secret key; use letters,"
                + " digits, '-', '_' or '.'",
            "14: services.api.secret-keys.DB: env: needs a variable name of letters, digits and"
                + " '_', e.g. env:REGISTRY_PASSWORD")
        .noneMatch(p -> p.contains("hunter2"));
  }

  @Test
  void aSecretAndItsKeysGoTogether() {
    assertThat(problems("    secret-keys: { API_TOKEN: \"env:API_TOKEN\" }\n"))
        .containsExactly(
            "13: services.api.secret-keys: needs secret: NAME, the Secret these keys belong to");
    assertThat(problems("    secret: api-secrets\n"))
        .containsExactly(
            "13: services.api.secret: add secret-keys: { KEY: \"env:VARIABLE\" }, the keys"
                + " /secret-update may set");
  }

  @Test
  void aBrokenFileIsReportedWhenReadWithoutQuotingItsValues() throws Exception {
    Files.writeString(dir.resolve("config/api.staging.env"), "OK=1\nnot a pair s3cret\n");
    Files.writeString(dir.resolve("config/api.prod.yaml"), "NESTED: {a: s3cret}\n");
    ServiceConfig config =
        api(
                """
                    config:
                      staging: { configmap: api-env, from: "env-file:config/api.staging.env" }
                      prod: { configmap: api-env, from: "yaml:config/api.prod.yaml" }
                """,
                Map.of())
            .config();
    assertThatThrownBy(() -> config.configMap("staging").orElseThrow().source().read())
        .hasMessage("line 2 of " + dir.resolve("config/api.staging.env") + " is not KEY=VALUE");
    assertThatThrownBy(() -> config.configMap("prod").orElseThrow().source().read())
        .hasMessageContaining("key NESTED of")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void theDemoGatewayHasAStagingConfigMapAndASecretKey() throws Exception {
    ServiceSpec gateway =
        new Loading(dir)
            .variables(
                Map.of(
                    "sim.registry",
                    "http://127.0.0.1:5000",
                    "sim.health",
                    "http://127.0.0.1:8081",
                    "sim.prometheus",
                    "http://127.0.0.1:8082"))
            .load(Path.of("..", "config", "demo.yaml"))
            .catalog()
            .service("gateway")
            .orElseThrow();
    ServiceConfig.ConfigMapSource cm = gateway.config().configMap("staging").orElseThrow();
    assertThat(cm.name()).isEqualTo("gateway-env");
    assertThat(cm.source().read()).containsKeys("LOG_LEVEL", "SESSION_SECRET");
    assertThat(gateway.config().configMap("prod")).isEmpty();
    assertThat(gateway.config().secret()).isEqualTo("gateway-secrets");
    assertThat(gateway.config().secretKeys().get("API_TOKEN").read()).isNotBlank();
  }
}
