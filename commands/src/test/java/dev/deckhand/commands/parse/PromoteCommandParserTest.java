package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.PromotionSpec;
import dev.deckhand.commands.command.Promote;
import dev.deckhand.commands.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /promote}: the zone before the one named, a tag or a digest, never latest. */
class PromoteCommandParserTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private final CommandParser parser =
      new CommandParser(Engine.COMMANDS, TestCatalogs.coachpilot());

  @Test
  void aTagOrADigestGoesToTheNamedZoneFromTheOneBefore() {
    Promote byTag = (Promote) parser.parse("/promote gateway p10e-mmc-20260519 --to prod");
    assertThat(byTag.from()).isEqualTo("staging");
    assertThat(byTag.environment().name()).isEqualTo("prod");
    assertThat(byTag.asked()).isEqualTo("p10e-mmc-20260519");
    assertThat(byTag.digest()).isEmpty();
    assertThat(byTag.action()).isEqualTo("promote");

    Promote byDigest =
        (Promote) parser.parse("/promote gateway " + DIGEST + " --to prod --dry-run");
    assertThat(byDigest.digest()).contains(DIGEST);
    assertThat(byDigest.tag()).isEmpty();
    assertThat(byDigest.dryRun()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/promote gateway p10e-mmc-20260519 | /promote needs --to <env> | the chain is staging → prod",
        "/promote gateway latest --to prod | 'latest' is refused | give the tag or digest running in staging",
        "/promote gateway p10e-mmc-20260519 --to staging | staging is the first zone of the chain"
            + " staging → prod | promote into a later zone",
        "/promote gateway sha256:abc --to prod | 'sha256:abc' is not a sha256 digest | 64 hex digits",
        "/promote gateway v1.2 --to prod | 'v1.2' does not fit gateway's tag pattern | give a tag",
        "/promote gateway p10e-mmc-20260519 --to qa | there is no environment 'qa' | environments are",
        "/promote agent sha-3f9c2a1 --to prod | agent does not run in staging, the zone before prod"
            + " | /deploy it to prod directly",
      })
  void refusesBadInputWithWhatToTypeInstead(String text, String problem, String hint) {
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains(hint));
  }

  @Test
  void withoutAChainPromotionIsRefusedSayingHowToAddOne() {
    CommandParser none =
        new CommandParser(
            Engine.COMMANDS,
            TestCatalogs.coachpilot().toBuilder().promotion(PromotionSpec.NONE).build());

    assertThatThrownBy(() -> none.parse("/promote gateway p10e-mmc-20260519 --to prod"))
        .isInstanceOf(UsageException.class)
        .hasMessage("this catalog has no promotion chain")
        .satisfies(
            e ->
                assertThat(((UsageException) e).hint())
                    .isEqualTo(
                        "add promotion: [staging, prod] to the catalog, or /deploy the tag"));
  }
}
