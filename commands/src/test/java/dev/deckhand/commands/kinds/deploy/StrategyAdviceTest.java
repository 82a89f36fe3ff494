package dev.deckhand.commands.kinds.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.SqlMigration;
import dev.deckhand.commands.catalog.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision tree of a deploy's dry run, branch by branch. */
class StrategyAdviceTest {
  private static final EnvironmentSpec STAGING =
      new EnvironmentSpec("staging", "staging", false, true, List.of());
  private static final EnvironmentSpec PROD =
      new EnvironmentSpec("prod", "prod", true, true, List.of());
  private static final BlueGreenSpec BLUE_GREEN = new BlueGreenSpec("web", Duration.ofMinutes(30));
  private static final CanarySpec CANARY =
      new CanarySpec(
          "web",
          Optional.empty(),
          CanarySpec.DEFAULT_STEPS,
          Duration.ofMinutes(2),
          Optional.empty());
  private static final MigrationJob GOOSE =
      new MigrationJob(List.of("goose", "up"), Duration.ofMinutes(30));

  private static ServiceSpec.Builder web() {
    return ServiceSpec.builder("web", "acme/web");
  }

  @Test
  void aPlainServiceRollsByDefaultAndTheAdviceAgrees() {
    assertThat(StrategyAdvice.lines(web().build(), STAGING, Strategy.ROLLING, false))
        .containsExactly(
            "strategy: rolling — the default (the catalog names no other for web)",
            "advice: rolling fits (no canary: or blue-green: section)");
  }

  @Test
  void aTypedStrategySaysSoAndNamesTheCatalogs() {
    ServiceSpec web = web().blueGreen(BLUE_GREEN).build();
    assertThat(StrategyAdvice.lines(web, STAGING, Strategy.BLUE_GREEN, true))
        .containsExactly(
            "strategy: blue-green — typed with --strategy (the catalog's is rolling)",
            "advice: blue-green fits (it has a blue-green: section, an instant switch back)");
  }

  @Test
  void theCatalogsStrategyIsNamed() {
    ServiceSpec web = web().blueGreen(BLUE_GREEN).strategy(Strategy.BLUE_GREEN).build();
    assertThat(StrategyAdvice.lines(web, STAGING, Strategy.BLUE_GREEN, false).get(0))
        .isEqualTo("strategy: blue-green — the catalog's strategy: for web");
    assertThat(StrategyAdvice.lines(web, STAGING, Strategy.BLUE_GREEN, true).get(0))
        .isEqualTo("strategy: blue-green — typed with --strategy (also the catalog's)");
  }

  @Test
  void aCanarySectionWinsOverBlueGreenAndRollingInProdIsSaidLoudly() {
    ServiceSpec web = web().blueGreen(BLUE_GREEN).canary(CANARY).build();
    assertThat(StrategyAdvice.advised(web)).isEqualTo(Strategy.CANARY);
    assertThat(StrategyAdvice.lines(web, PROD, Strategy.ROLLING, false).get(1))
        .isEqualTo(
            "⚠ advice: canary (it has a canary: section, traffic enough to judge by metrics);"
                + " --strategy canary to follow it");
    assertThat(StrategyAdvice.lines(web, STAGING, Strategy.ROLLING, false).get(1))
        .startsWith("advice: canary (");
  }

  @Test
  void aMigrationAdvisesRollingAndWarnsThatOldPodsServeOnTheNewSchema() {
    ServiceSpec web = web().blueGreen(BLUE_GREEN).migration(GOOSE).build();
    assertThat(StrategyAdvice.lines(web, PROD, Strategy.BLUE_GREEN, true))
        .containsExactly(
            "strategy: blue-green — typed with --strategy (the catalog's is rolling)",
            "advice: rolling (it migrates a schema: rolling keeps old pods on the new schema the"
                + " shortest); --strategy rolling to follow it",
            "⚠ migration: the migration Job runs before any pod changes; blue keeps serving on the"
                + " new schema until /finish, and /switch-back sends all traffic back to it: it must"
                + " be expand/contract (add now, drop in a later release)");
    assertThat(StrategyAdvice.lines(web, PROD, Strategy.ROLLING, false))
        .last()
        .asString()
        .contains("old pods serve on the new schema during the roll and after a rollback");
  }

  @Test
  void sqlFilesCountAsAMigrationAndAreAppliedApart() {
    ServiceSpec web =
        web().canary(CANARY).sqlMigration(new SqlMigration("db", Path.of("sql"))).build();
    assertThat(StrategyAdvice.advised(web)).isEqualTo(Strategy.ROLLING);
    assertThat(StrategyAdvice.lines(web, STAGING, Strategy.CANARY, true))
        .last()
        .asString()
        .startsWith("⚠ migration: its SQL files are applied by /sql-migrate web, not by /deploy;")
        .contains("the stable pods serve on the new schema at every step");
  }
}
