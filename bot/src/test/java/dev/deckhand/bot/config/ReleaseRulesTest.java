package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ReleaseFiles;
import dev.deckhand.commands.catalog.ReleaseSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release:}, the waves of {@code /deploy-all}. */
class ReleaseRulesTest {
  @TempDir java.nio.file.Path dir;

  private Loading loading() {
    return new Loading(dir);
  }

  @Test
  void wavesAndRollbackAreRead() throws Exception {
    String yaml =
        CatalogYaml.valid()
            .with("release", " {waves: [[dashboard], [gateway]], rollback-on-failure: false}")
            .text();

    Catalog catalog = loading().load(yaml).catalog();

    assertThat(catalog.release())
        .isEqualTo(
            new ReleaseSpec(
                List.of(List.of("dashboard"), List.of("gateway")), false, ReleaseFiles.NONE));
  }

  @Test
  void withoutTheSectionEachServiceIsItsOwnWaveInCatalogOrderWithRollbackOn() throws Exception {
    Catalog catalog = loading().load(CatalogYaml.valid().text()).catalog();

    assertThat(catalog.release())
        .isEqualTo(
            new ReleaseSpec(
                List.of(List.of("gateway"), List.of("dashboard")), true, ReleaseFiles.NONE));
    assertThat(catalog.release().waves(catalog, "prod"))
        .extracting(w -> w.get(0).name())
        .containsExactly("gateway");
  }

  @Test
  void releaseFilesAreReadFromTheirDirectoryBesideTheCatalog() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("releases"));
    java.nio.file.Files.writeString(
        dir.resolve("releases/2026-12-05.yaml"),
        "# the Friday release\ngateway: p10e-mmc-20260519\ndashboard: v1.6.5\n");
    String yaml =
        CatalogYaml.valid()
            .with("release", " {waves: [[gateway, dashboard]], files: releases}")
            .text();

    ReleaseFiles files = loading().load(yaml).catalog().release().files();

    assertThat(files.read("2026-12-05"))
        .containsExactly(
            java.util.Map.entry("gateway", "p10e-mmc-20260519"),
            java.util.Map.entry("dashboard", "v1.6.5"));
    assertThat(files.describe("2026-12-05"))
        .isEqualTo(dir.resolve("releases/2026-12-05.yaml").toString());
  }

  @Test
  void aReleaseFilesDirectoryThatDoesNotExistIsRefused() {
    String yaml =
        CatalogYaml.valid()
            .with("release", " {waves: [[gateway, dashboard]], files: relases}")
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "21: release.files: directory "
                + dir.resolve("relases")
                + " does not exist; create it for the release files, or fix files: (relative to"
                + " the catalog file)");
  }

  @Test
  void aServiceInNoWaveIsRefusedWithWhatToAdd() {
    String yaml = CatalogYaml.valid().with("release", "\n  waves: [[gateway]]").text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "22: release.waves: every service must be in a wave; not in any: dashboard (add them"
                + " to a wave, e.g. [[dashboard]] at the end)");
  }

  @Test
  void unknownTwiceListedAndEmptyWavesAreRefused() {
    String yaml =
        CatalogYaml.valid()
            .with("release", "\n  waves: [[gateway, dashbord], [gateway], []]\n  rollback: true")
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "22: release.waves[0]: unknown service 'dashbord' (did you mean 'dashboard'?);"
                + " services are: gateway, dashboard",
            "22: release.waves[1]: gateway is already in wave 1; a service rolls once",
            "22: release.waves[2]: a wave needs at least one service",
            "23: release: unknown key 'rollback'; expected one of: waves, rollback-on-failure,"
                + " files");
  }

  @Test
  void wavesAreRequired() {
    String yaml = CatalogYaml.valid().with("release", " {rollback-on-failure: true}").text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "21: release.waves: required: a list of waves, each a list of services, e.g."
                + " [[gateway], [quiz, agent]]");
  }
}
