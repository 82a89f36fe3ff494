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
            "23: release: unknown key 'rollback'; expected one of: waves, rollback-on-failure");
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
