package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BundleSpec;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bundles:}. */
class BundleRulesTest {
  @TempDir Path dir;

  private static final String EDGE =
      """

        edge:
          dir: manifests/edge
          targets:
            staging: {namespace: web}
            prod: {namespace: web}
      """
          .stripTrailing();

  @BeforeEach
  void manifests() throws Exception {
    Files.createDirectories(dir.resolve("manifests/edge"));
    Files.writeString(dir.resolve("manifests/edge/configmap.yaml"), "kind: ConfigMap\n");
    Files.createDirectories(dir.resolve("manifests/empty"));
    Files.writeString(dir.resolve("manifests/empty/README.md"), "none");
  }

  private Catalog load(CatalogYaml yaml) throws CatalogException {
    return new Loading(dir).load(yaml.text()).catalog();
  }

  private List<String> problems(CatalogYaml yaml) {
    return new Loading(dir).problems(yaml.text());
  }

  @Test
  void aBundleHasADirBesideTheCatalogAndANamespacePerEnvironment() throws Exception {
    Catalog c = load(CatalogYaml.valid().with("bundles", EDGE));
    BundleSpec edge = c.bundle("edge").orElseThrow();
    assertThat(edge.dir()).isEqualTo(dir.resolve("manifests/edge"));
    assertThat(edge.target("staging").orElseThrow())
        .isEqualTo(
            new Target(c.environment("staging").orElseThrow().cluster(), "web", "edge", "edge"));
    assertThat(edge.targets()).containsOnlyKeys("staging", "prod");
    assertThat(edge.asService().name()).isEqualTo("edge");
  }

  @Test
  void aMissingDirOrOneWithoutManifestsIsRefusedAtLoad() {
    assertThat(
            problems(
                CatalogYaml.valid()
                    .with(
                        "bundles",
                        "\n  a: {dir: manifests/nowhere, targets: {staging: {namespace: web}}}"
                            + "\n  b: {dir: manifests/empty, targets: {staging: {namespace: web}}}")))
        .anySatisfy(p -> assertThat(p).contains("nowhere").contains("does not exist"))
        .anySatisfy(p -> assertThat(p).contains("holds no *.yaml or *.yml file"));
  }

  @Test
  void aBundleNeedsDirTargetsAndKnownEnvironments() {
    assertThat(
            problems(
                CatalogYaml.valid().with("bundles", "\n  a: {targets: {staging: {namespace: w}}}")))
        .anySatisfy(p -> assertThat(p).contains("bundles.a.dir: required"));
    assertThat(problems(CatalogYaml.valid().with("bundles", "\n  a: {dir: manifests/edge}")))
        .anySatisfy(p -> assertThat(p).contains("bundles.a.targets: required"));
    assertThat(
            problems(
                CatalogYaml.valid()
                    .with(
                        "bundles",
                        "\n  a: {dir: manifests/edge, targets: {qa: {namespace: w},"
                            + " staging: {deployment: x}}}")))
        .anySatisfy(p -> assertThat(p).contains("qa"))
        .anySatisfy(p -> assertThat(p).contains("deployment"));
  }

  @Test
  void aBundleMayNotTakeAServicesName() {
    assertThat(
            problems(
                CatalogYaml.valid()
                    .with(
                        "bundles",
                        "\n  gateway: {dir: manifests/edge, targets: {staging: {namespace: w}}}")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("bundle 'gateway' has the name of service 'gateway'")
                    .contains("gateway-manifests"));
  }
}
