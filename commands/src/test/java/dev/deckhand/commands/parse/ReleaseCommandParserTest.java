package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.ReleaseSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.DeployAll;
import dev.deckhand.commands.command.RollbackAll;
import dev.deckhand.commands.engine.Engine;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /deploy-all} and {@code /rollback-all}: the environment, the waves, the tag. */
class ReleaseCommandParserTest {
  private final CommandParser parser =
      new CommandParser(Engine.COMMANDS, TestCatalogs.coachpilot());

  private static List<List<String>> names(List<List<ServiceSpec>> waves) {
    return waves.stream().map(w -> w.stream().map(ServiceSpec::name).toList()).toList();
  }

  @Test
  void withoutReleaseEveryServiceOfTheEnvironmentIsItsOwnWaveInCatalogOrder() {
    DeployAll d = (DeployAll) parser.parse("/deploy-all a1b2c3");
    assertThat(d.environment().name()).isEqualTo("staging");
    assertThat(d.tag().text()).isEqualTo("a1b2c3");
    List<List<String>> expected =
        TestCatalogs.coachpilot().services().values().stream()
            .filter(s -> s.target("staging").isPresent())
            .map(s -> List.of(s.name()))
            .toList();
    assertThat(names(d.waves())).isEqualTo(expected).contains(List.of("gateway"), List.of("quiz"));
    assertThat(d.action()).isEqualTo("deploy-all");

    DeployAll prod = (DeployAll) parser.parse("/deckhand deploy-all a1b2c3 --env prod --dry-run");
    assertThat(names(prod.waves()))
        .contains(List.of("gateway"), List.of("quiz"), List.of("agent"))
        .allSatisfy(w -> assertThat(w).hasSize(1));
    assertThat(prod.services())
        .extracting(ServiceSpec::name)
        .contains("agent")
        .doesNotHaveDuplicates();
    assertThat(prod.dryRun()).isTrue();
  }

  @Test
  void theCatalogsWavesKeepTheServicesOfTheEnvironment() {
    CommandParser withRelease =
        new CommandParser(
            Engine.COMMANDS,
            TestCatalogs.coachpilot()
                .with(
                    new ReleaseSpec(List.of(List.of("quiz", "agent"), List.of("gateway")), true)));

    DeployAll staging = (DeployAll) withRelease.parse("/deploy-all a1b2c3");
    assertThat(names(staging.waves())).containsExactly(List.of("quiz"), List.of("gateway"));
    RollbackAll prod = (RollbackAll) withRelease.parse("/rollback-all --env prod");
    assertThat(names(prod.waves())).containsExactly(List.of("quiz", "agent"), List.of("gateway"));
    assertThat(prod.action()).isEqualTo("rollback-all");
    assertThat(prod.service().name()).isEqualTo("quiz");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/deploy-all | /deploy-all is missing <tag-or-prefix> | usage: /deploy-all <tag-or-prefix>",
        "/deploy-all a1b2c3 --env qa | there is no environment 'qa' | environments are: staging, prod",
        "/deploy-all latest --env prod | 'latest' is refused in prod | give the exact tag",
        "/deploy-all a1:b2 | 'a1:b2' is not a valid image tag | 1 to 128 letters",
        "/deploy-all a1b2c3 gateway | unexpected 'gateway' after /deploy-all | usage",
        "/rollback-all gateway | unexpected 'gateway' after /rollback-all | usage",
        "/rollback-all --to-revision 3 | /rollback-all has no flag --to-revision | usage",
      })
  void refusesBadInputWithWhatToTypeInstead(String text, String problem, String hint) {
    refused(text)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains(hint));
  }

  @Test
  void aProtectedDefaultEnvironmentMustBeNamed() {
    var base = TestCatalogs.coachpilot();
    CommandParser prodByDefault =
        new CommandParser(
            Engine.COMMANDS,
            dev.deckhand.commands.catalog.Catalog.builder()
                .clusters(base.clusters())
                .environments(base.environments())
                .defaultEnvironment("prod")
                .roles(base.roles())
                .registries(base.registries())
                .services(base.services())
                .build());

    assertThatThrownBy(() -> prodByDefault.parse("/deploy-all a1b2c3"))
        .isInstanceOf(UsageException.class)
        .hasMessage("prod is protected and must be named explicitly")
        .satisfies(
            e ->
                assertThat(((UsageException) e).hint()).isEqualTo("add --env prod to /deploy-all"));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String text) {
    return assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(UsageException.class);
  }
}
