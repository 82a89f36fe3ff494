package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.ReleaseFiles;
import dev.deckhand.commands.catalog.ReleaseSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.DeployAll;
import dev.deckhand.commands.command.RollbackAll;
import dev.deckhand.commands.engine.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    assertThat(d.asked()).isEqualTo("a1b2c3");
    assertThat(d.oneTag()).isTrue();
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
                    new ReleaseSpec(
                        List.of(List.of("quiz", "agent"), List.of("gateway")),
                        true,
                        ReleaseFiles.NONE)));

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
        "/deploy-all | /deploy-all is missing <tag-or-prefix> | /deploy-all --release <name>",
        "/deploy-all a1b2c3 --release r1 | give a tag or --release, not both | /deploy-all <tag-or-prefix>",
        "/deploy-all --release r1 | this catalog has no release files | add release: { files: <dir> }",
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

  /** Release files held in memory, as the bot's reader would give them. */
  private static CommandParser withFiles(Map<String, Map<String, String>> releases) {
    ReleaseFiles files =
        new ReleaseFiles() {
          @Override
          public Map<String, String> read(String name) {
            Map<String, String> found = releases.get(name);
            if (found == null) {
              throw new UsageException(
                  "there is no release file " + describe(name),
                  "releases are: " + releases.keySet());
            }
            return found;
          }

          @Override
          public String describe(String name) {
            return "releases/" + name + ".yaml";
          }
        };
    return new CommandParser(
        Engine.COMMANDS,
        TestCatalogs.coachpilot()
            .with(
                new ReleaseSpec(
                    List.of(List.of("quiz", "agent"), List.of("gateway")), true, files)));
  }

  @Test
  void aReleaseFileGivesEachServiceItsOwnTagInTheCatalogsWaves() {
    Map<String, String> file = new LinkedHashMap<>();
    file.put("gateway", "p10e-mmc-20260519");
    file.put("moneyquiz-admin", "v1.6.5"); // quiz's alias
    CommandParser parser = withFiles(Map.of("2026-12-05", file));

    DeployAll d = (DeployAll) parser.parse("/deploy-all --release 2026-12-05 --env prod");

    assertThat(d.asked()).isEqualTo("release 2026-12-05");
    assertThat(d.oneTag()).isFalse();
    assertThat(names(d.waves())).containsExactly(List.of("quiz"), List.of("gateway"));
    assertThat(d.tagFor(d.waves().get(0).get(0)).text()).isEqualTo("v1.6.5");
    assertThat(d.tagFor(d.waves().get(1).get(0)).text()).isEqualTo("p10e-mmc-20260519");
    assertThat(d.services()).extracting(ServiceSpec::name).doesNotContain("agent");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/deploy-all --release ../etc/passwd | '../etc/passwd' is not a release name | without .yaml",
        "/deploy-all --release nope | there is no release file releases/nope.yaml | releases are",
        "/deploy-all --release empty | releases/empty.yaml names no service | gateway: <tag>",
        "/deploy-all --release unknown | releases/unknown.yaml names 'billing', which is not in the"
            + " catalog | services are: gateway",
        "/deploy-all --release agent | releases/agent.yaml names agent, which does not run in"
            + " staging | remove it from the file",
        "/deploy-all --release twice | releases/twice.yaml names quiz twice | keep one line for quiz",
        "/deploy-all --release badtag | '1.7.0' does not fit quiz's tag pattern | give a tag (or the start of one)",
        "/deploy-all --release latest --env prod | 'latest' is refused in prod | give the exact tag",
      })
  void aBadReleaseFileIsRefusedWithWhatToWriteInstead(String text, String problem, String hint) {
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("quiz", "v1.6.5");
    twice.put("moneyquiz-admin", "v1.6.6");
    CommandParser parser =
        withFiles(
            Map.of(
                "empty", Map.of(),
                "unknown", Map.of("billing", "v1"),
                "agent", Map.of("agent", "a1b2c3d"),
                "twice", twice,
                "badtag", Map.of("quiz", "1.7.0"),
                "latest", Map.of("quiz", "latest")));
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains(hint.strip()));
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
