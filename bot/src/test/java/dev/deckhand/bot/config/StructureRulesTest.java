package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown keys, wrong types, required fields and empty sections. */
class StructureRulesTest {
  @TempDir Path dir;

  private Loading loading() {
    return new Loading(dir);
  }

  @Test
  void validCatalogLoads() throws Exception {
    LoadedConfig config = loading().load(CatalogYaml.valid().text());

    assertThat(config.catalog().serviceNames()).containsExactly("gateway", "dashboard");
    assertThat(config.console()).isEqualTo(ConsoleSettings.DEFAULT);
    assertThat(config.catalog().defaultEnvironment()).isNull();
  }

  @Test
  void unknownTopLevelKeyListsTheAllowedOnes() {
    String yaml = CatalogYaml.valid().with("servics", " {}").text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "21: unknown key 'servics'; expected one of: default-environment, store, chat,"
                + " registries, clusters, environments, people, roles, open, services, databases,"
                + " bundles, demo, release, promotion, docker, prometheus");
  }

  @Test
  void unknownNestedKeyNamesItsParent() {
    String yaml =
        CatalogYaml.valid()
            .with("clusters", "\n  staging: {context: staging}\n  prod: {contxt: prod}")
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "5: clusters.prod: unknown key 'contxt'; expected one of: context, kubeconfig,"
                + " in-cluster",
            "5: clusters.prod.context: required; name a kubeconfig context, or set in-cluster:"
                + " true");
  }

  @Test
  void duplicateKeyNamesTheFirstOne() {
    String yaml =
        CatalogYaml.valid()
            .with("clusters", "\n  staging: {context: staging}\n  staging: {context: other}")
            .text();

    assertThat(loading().problems(yaml))
        .contains("5: clusters: duplicate key 'staging' (first at line 4)");
  }

  @Test
  void mergeKeysAreRefused() {
    String yaml =
        CatalogYaml.valid()
            .with("clusters", "\n  staging: &c {context: staging}\n  prod: {<<: *c}")
            .text();

    assertThat(loading().problems(yaml))
        .contains("5: clusters.prod: merge keys (<<) are not supported; repeat the fields");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndFound() {
    String yaml =
        CatalogYaml.valid()
            .with("registries", " [default]")
            .with("clusters", "\n  staging: staging\n  prod: {context: [prod]}")
            .text();

    assertThat(loading().problems(yaml))
        .contains(
            "1: registries: expected a map (key: value), got a list",
            "3: clusters.staging: expected a map (key: value), got 'staging'",
            "4: clusters.prod.context: expected a single value, got a list");
  }

  @Test
  void rootMustBeAMap() {
    assertThat(loading().problems("- a\n- b\n"))
        .containsExactly("1: expected a map (key: value), got a list");
  }

  @Test
  void booleansAreTrueOrFalse() {
    String yaml =
        CatalogYaml.valid()
            .with("environments", "\n  staging: {cluster: staging, auto-rollback: off}")
            .text();

    assertThat(loading().problems(yaml))
        .contains("7: environments.staging.auto-rollback: expected true or false, got 'off'");
  }

  @Test
  void requiredFieldsAreNamed() {
    String yaml =
        CatalogYaml.valid()
            .with("environments", "\n  staging: {protected: false}\n  prod: {cluster: prod}")
            .with(
                "services",
                """

                  gateway:
                    targets:
                      staging: {container: gateway}
                  dashboard:
                    image:
                """)
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "7: environments.staging.cluster: required",
            "10: services.gateway.image: required",
            "12: services.gateway.targets.staging.namespace: required",
            "12: services.gateway.targets.staging.deployment: required",
            "13: services.dashboard.targets: required; say where the service runs, per"
                + " environment",
            "14: services.dashboard.image: required");
  }

  @Test
  void topLevelSectionsAreRequired() {
    assertThat(loading().problems("default-environment: prod\n"))
        .containsExactly(
            "1: clusters: required: at least one cluster, e.g. prod: {context: my-context}",
            "1: environments: required: at least one environment, e.g. prod: {cluster: prod}",
            "1: default-environment: unknown environment 'prod'; no environments are defined",
            "1: registries: required: at least one registry, e.g. default: {url: https://...}",
            "1: services: required: at least one service");
  }

  @Test
  void atLeastOneEnvironmentAndServiceAndTarget() {
    String yaml = CatalogYaml.valid().with("environments", " {}").with("services", " {}").text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "6: environments: at least one environment is required",
            "7: services: at least one service is required");
  }

  @Test
  void emptyListItemsAreRefused() {
    String yaml =
        CatalogYaml.valid()
            .with(
                "environments",
                "\n  staging: {cluster: staging, channels: ['#a', '']}\n  prod: {cluster: prod}")
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly("7: environments.staging.channels[1]: must not be empty");
  }
}
