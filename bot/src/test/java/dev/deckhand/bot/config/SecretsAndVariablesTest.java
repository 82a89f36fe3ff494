package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret references, the store section and ${variables}. */
class SecretsAndVariablesTest {
  @TempDir Path dir;

  private static CatalogYaml withRegistry(String registry) {
    return CatalogYaml.valid().with("registries", "\n  default: " + registry);
  }

  @Test
  void inlineSecretIsRefusedWithoutQuotingIt() {
    CatalogYaml yaml =
        withRegistry("{url: \"https://r.example\", username: robot, password: hunter2}");

    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "2: registries.default.password: write secrets as env:NAME or file:/path, never"
                + " inline")
        .noneMatch(p -> p.contains("hunter2"));
  }

  @Test
  void envReferenceIsResolvedFromTheGivenEnvironment() throws Exception {
    CatalogYaml yaml =
        withRegistry("{url: \"https://r.example\", username: env:REG_USER, password: env:REG_PW}");

    LoadedConfig config =
        new Loading(dir).environment(Map.of("REG_USER", "robot", "REG_PW", "pw")).load(yaml.text());

    assertThat(config.catalog().registries().get("default").username()).isEqualTo("robot");
    assertThat(config.catalog().registries().get("default").password()).isEqualTo("pw");
  }

  @Test
  void missingOrEmptyEnvReferenceIsNamed() {
    CatalogYaml yaml =
        withRegistry("{url: \"https://r.example\", username: env:REG_USER, password: env:REG_PW}");

    assertThat(new Loading(dir).environment(Map.of("REG_USER", " ")).problems(yaml.text()))
        .containsExactly(
            "2: registries.default.username: env:REG_USER: environment variable REG_USER is"
                + " empty",
            "2: registries.default.password: env:REG_PW: environment variable REG_PW is not set");
  }

  @Test
  void fileReferenceIsReadTrimmedAndRelativeToTheCatalog() throws Exception {
    Files.writeString(dir.resolve("registry-password"), "  s3cret\n");
    CatalogYaml yaml =
        withRegistry(
            "{url: \"https://r.example\", username: robot, password: file:registry-password}");

    LoadedConfig config = new Loading(dir).load(yaml.text());

    assertThat(config.catalog().registries().get("default").password()).isEqualTo("s3cret");
  }

  @Test
  void unreadableFileReferenceIsNamed() {
    Path absent = dir.resolve("absent");
    CatalogYaml yaml =
        withRegistry(
            "{url: \"https://r.example\", username: robot, password: file:" + absent + "}");

    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "2: registries.default.password: file:"
                + absent
                + ": file "
                + absent
                + " does not exist");
  }

  @Test
  void malformedReferencesAreExplained() {
    CatalogYaml yaml =
        withRegistry("{url: \"https://r.example\", username: robot, password: \"env:\"}");

    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "2: registries.default.password: env: needs a variable name of letters, digits and"
                + " '_', e.g. env:REGISTRY_PASSWORD");
  }

  @Test
  void usernameAndPasswordGoTogether() {
    CatalogYaml yaml = withRegistry("{url: \"https://r.example\", username: robot}");

    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "2: registries.default: give both username and password, or neither for anonymous"
                + " access");
  }

  @Test
  void storeSettingsResolveTheirSecrets() throws Exception {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with("store", " {url: env:DB_URL, user: deckhand, password: env:DB_PASSWORD}");

    LoadedConfig config =
        new Loading(dir)
            .environment(Map.of("DB_URL", "jdbc:postgresql://db/deckhand", "DB_PASSWORD", "pw"))
            .load(yaml.text());

    assertThat(config.store())
        .contains(new StoreSettings("jdbc:postgresql://db/deckhand", "deckhand", "pw"));
    assertThat(config.store().orElseThrow().toString()).doesNotContain("pw").doesNotContain("db/");
  }

  @Test
  void storeNeedsAPostgresqlUrl() {
    CatalogYaml noUrl = CatalogYaml.valid().with("store", " {user: deckhand}");
    CatalogYaml notJdbc = CatalogYaml.valid().with("store", " {url: \"postgres://u:pw@db/x\"}");

    assertThat(new Loading(dir).problems(noUrl.text()))
        .containsExactly(
            "21: store.url: required; e.g. env:DECKHAND_DB_URL, or remove store: for embedded"
                + " PostgreSQL");
    assertThat(new Loading(dir).problems(notJdbc.text()))
        .containsExactly(
            "21: store.url: expected a PostgreSQL JDBC URL like"
                + " jdbc:postgresql://db:5432/deckhand");
  }

  @Test
  void variablesAreExpandedInScalarValues() throws Exception {
    CatalogYaml yaml = withRegistry("{url: \"${base}/v2-mirror\"}");

    LoadedConfig config =
        new Loading(dir).variables(Map.of("base", "http://127.0.0.1:5000")).load(yaml.text());

    assertThat(config.catalog().registries().get("default").url())
        .hasToString("http://127.0.0.1:5000/v2-mirror");
  }

  @Test
  void unknownVariableNamesTheDefinedOnes() {
    CatalogYaml yaml = withRegistry("{url: \"${sim.health}\"}");

    assertThat(new Loading(dir).variables(Map.of("sim.registry", "http://x")).problems(yaml.text()))
        .containsExactly(
            "2: registries.default.url: ${sim.health} is not defined; the defined variables are:"
                + " ${sim.registry}");
    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "2: registries.default.url: ${sim.health} is not defined: no variables are defined"
                + " here (the ${sim.*} variables exist only in demo mode, `deckhand demo`)");
  }

  @Test
  void doubleDollarEscapesAVariable() {
    List<String> problems = new ArrayList<>();

    assertThat(new Variables(Map.of("a", "1")).expand("$${a}-${a}", problems::add))
        .contains("${a}-1");
    assertThat(problems).isEmpty();
  }

  @Test
  void standardResolverNeverReadsTheProcessEnvironment() {
    SecretResolver resolver = SecretResolver.standard(Map.of());

    assertThatThrownBy(
            () -> resolver.resolve(new SecretReference(SecretReference.Kind.ENV, "PATH")))
        .isInstanceOf(SecretException.class)
        .hasMessage("environment variable PATH is not set");
  }

  @Test
  void referencesParseAndValidateThemselves() {
    assertThat(SecretReference.parse("env:A_1"))
        .contains(new SecretReference(SecretReference.Kind.ENV, "A_1"));
    assertThat(SecretReference.parse("file:/run/x")).get().hasToString("file:/run/x");
    assertThat(SecretReference.parse("plain")).isEmpty();
    assertThatThrownBy(() -> SecretReference.parse("env:A-B"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretReference.parse("file:"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
