package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.command.Help;
import dev.deckhand.commands.command.History;
import dev.deckhand.commands.command.Rollback;
import dev.deckhand.commands.command.Status;
import dev.deckhand.commands.command.WhoAmI;
import dev.deckhand.commands.engine.Engine;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {
  private final CommandParser parser =
      new CommandParser(Engine.COMMANDS, TestCatalogs.coachpilot());

  @Test
  void parsesADeployWithThePrefixAndTheDefaultEnvironment() {
    Deploy d = (Deploy) parser.parse("/deploy gateway p10e-mmc-20260519");
    assertThat(d.service().name()).isEqualTo("gateway");
    assertThat(d.environment().name()).isEqualTo("staging");
    assertThat(d.tag().text()).isEqualTo("p10e-mmc-20260519");
    assertThat(d.target().container()).isEqualTo("gateway");
    assertThat(d.dryRun()).isFalse();
  }

  @Test
  void acceptsAliasesTheDeckhandPrefixAndFlagsWithEquals() {
    Deploy d =
        (Deploy) parser.parse("/deckhand deploy moneyquiz-admin v1.6.5 --env=prod --dry-run");
    assertThat(d.service().name()).isEqualTo("quiz");
    assertThat(d.environment().name()).isEqualTo("prod");
    assertThat(d.target().deployment()).isEqualTo("dashboard");
    assertThat(d.dryRun()).isTrue();
    assertThat(parser.parse("deploy COACHPILOT-GATEWAY p10e-mmc-2026")).isInstanceOf(Deploy.class);
  }

  @Test
  void parsesEveryOtherCommand() {
    assertThat(parser.parse("/rollback gateway --to-revision 3"))
        .isInstanceOfSatisfying(Rollback.class, r -> assertThat(r.toRevision()).isEqualTo(3));
    assertThat(parser.parse("/status")).isInstanceOf(Status.class);
    assertThat(parser.parse("/status quiz --env prod"))
        .isInstanceOfSatisfying(
            Status.class, s -> assertThat(s.environment().name()).isEqualTo("prod"));
    assertThat(parser.parse("/history gateway")).isInstanceOf(History.class);
    assertThat(parser.parse("/help /deploy"))
        .isInstanceOfSatisfying(Help.class, h -> assertThat(h.command()).contains("deploy"));
    assertThat(parser.parse("/whoami")).isInstanceOf(WhoAmI.class);
  }

  @Test
  void aServiceWithOneEnvironmentStillNeedsItNamedWhenItIsProtected() {
    refused("/status agent").hasMessageContaining("prod is protected and must be named");
    assertThat(parser.parse("/status agent --env prod")).isInstanceOf(Status.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/deplyo gateway x | unknown command /deplyo | did you mean /deploy",
        "/frobnicate | unknown command /frobnicate | /help",
        "/deploy gatewya p10e-mmc-20260519 | there is no service 'gatewya' | did you mean gateway",
        "/deploy nothing-like-it p10e | there is no service 'nothing-like-it' | services are: gateway, quiz, api, agent",
        "/deploy gateway | /deploy is missing <tag-or-prefix> | usage: /deploy <service> <tag-or-prefix>",
        "/deploy | /deploy is missing <service> | e.g. /deploy gateway",
        "/migrate quiz v1.7.0 | quiz declares no migration | add migrate: {job: {command: [...]}} to it",
        "/migrate api | /migrate is missing <tag-or-prefix> | usage: /migrate <service> <tag-or-prefix>",
        "/deploy gateway p10e-mmc-20260519 --force | /deploy has no flag --force | usage: /deploy",
        "/deploy gateway p10e-mmc-20260519 --env | --env needs a value (E) | usage:",
        "/deploy gateway p10e-mmc-20260519 --env qa | there is no environment 'qa' | environments are: staging, prod",
        "/deploy gateway p10e-mmc-20260519 --env prod --env prod | --env is given twice | give it once",
        "/deploy gateway p10e:bad | 'p10e:bad' is not a valid image tag | 1 to 128 letters",
        "/deploy gateway -rc1 | '-rc1' is not a valid image tag | letters, digits",
        "/deploy gateway .hidden | '.hidden' is not a valid image tag | not starting with",
        "/deploy gateway latest --env prod | 'latest' is refused in prod | give the exact tag",
        "/deploy gateway v1.2.3 | does not fit gateway's tag pattern | p10e-mmc",
        "/deploy gateway p10e-mmc-20260519 extra | unexpected 'extra' after /deploy | usage",
        "/deploy gateway p10e-mmc-20260519 --dry-run=yes | --dry-run takes no value | usage",
        "/rollback gateway --to-revision three | 'three' is not a revision number | --to-revision 3",
        "/rollback gateway --to-revision 0 | '0' is not a revision number | /history",
        "/status gateway --env qa | there is no environment 'qa' | staging, prod",
        "'' | no command given | /help",
        "/deploy gateway \"p10e | a quote opened with \" is never closed | close the quote",
      })
  void refusesBadInputWithWhatToTypeInstead(String text, String problem, String hint) {
    String input = text.equals("''") ? "   " : text;
    refused(input)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains(hint));
  }

  @Test
  void aBreakGlassNeedsAReason() {
    refused("/deploy gateway p10e-mmc-20260519 --env prod --break-glass \"  \"")
        .hasMessage("--break-glass needs a reason");
    refused("/rollback gateway --env prod --break-glass")
        .hasMessage("--break-glass needs a value (REASON)");
  }

  @Test
  void refusesAWallOfText() {
    refused("/deploy " + "x".repeat(3000)).hasMessageContaining("the limit is 2000");
  }

  @Test
  void everyCommandHasUsageAndAnExampleThatParses() {
    for (CommandSpec spec : parser.specs()) {
      assertThat(spec.usage()).startsWith("/" + spec.name());
      assertThat(parser.parse(spec.example())).as(spec.example()).isNotNull();
    }
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String text) {
    return assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(UsageException.class);
  }
}
