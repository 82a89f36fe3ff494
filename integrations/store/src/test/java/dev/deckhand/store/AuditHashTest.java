package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditHashTest {

  private static final Instant AT = Instant.parse("2026-05-19T10:15:30.123456Z");
  private static final Actor ACTOR = new Actor("slack", "U1", "ann");

  /** The v1 encoding of {@code row("a", "b")} without a person, computed from the spec. */
  private static final String V1_HASH =
      "de0e8092b6440449e138092845bae8707b3f52f6b3c83eae8e37d1423e47aac1";

  @Test
  void isStableLowercaseHexSha256() {
    String hash = AuditHash.of(row("a", "b"));

    assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(AuditHash.of(row("a", "b")));
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    assertThat(AuditHash.of(row("ab", "c"))).isNotEqualTo(AuditHash.of(row("a", "bc")));
    assertThat(AuditHash.of(row("a,", "b"))).isNotEqualTo(AuditHash.of(row("a", ",b")));
    assertThat(AuditHash.of(row("1:a,", ""))).isNotEqualTo(AuditHash.of(row("", "1:a,")));
  }

  @Test
  void nullDiffersFromEmptyAndSystemFromAnyActor() {
    AuditRow withOperation = row("a", "b");
    AuditRow noOperation =
        new AuditRow(1, AT, ACTOR, "a", "", "", null, "b", AuditHash.GENESIS, null);
    AuditRow system = new AuditRow(1, AT, null, "a", "", "", 7L, "b", AuditHash.GENESIS, null);

    assertThat(AuditHash.of(noOperation)).isNotEqualTo(AuditHash.of(withOperation));
    assertThat(AuditHash.of(system)).isNotEqualTo(AuditHash.of(withOperation));
  }

  @Test
  void coversTimeToTheMicrosecondAndThePreviousHash() {
    AuditRow row = row("a", "b");
    AuditRow later =
        new AuditRow(1, AT.plusNanos(1000), ACTOR, "a", "", "", 7L, "b", AuditHash.GENESIS, null);
    AuditRow otherPrev = new AuditRow(1, AT, ACTOR, "a", "", "", 7L, "b", "1".repeat(64), null);

    assertThat(AuditHash.of(later)).isNotEqualTo(AuditHash.of(row));
    assertThat(AuditHash.of(otherPrev)).isNotEqualTo(AuditHash.of(row));
    assertThat(AuditHash.format(AT.plusNanos(999))).isEqualTo("2026-05-19T10:15:30.123456Z");
    assertThat(AuditHash.format(Instant.parse("2026-05-19T10:15:30Z")))
        .isEqualTo("2026-05-19T10:15:30.000000Z");
  }

  @Test
  void chainedRowCarriesItsOwnHash() {
    AuditRow chained = AuditRow.chained(1, AT, ACTOR, "a", "", "", 7L, "b", AuditHash.GENESIS);

    assertThat(chained.hash())
        .isEqualTo(chained.expectedHash())
        .isEqualTo(AuditHash.of(row("a", "b")));
  }

  @Test
  void aRowWithAPersonIsHashedAsV2AndOneWithoutKeepsV1() {
    AuditRow v1 = new AuditRow(1, AT, ACTOR, "a", "", "", 7L, "b", AuditHash.GENESIS, null);
    AuditRow v2 = row("a", "b");
    AuditRow otherPerson =
        new AuditRow(1, AT, ACTOR, "a", "", "", 7L, "b", AuditHash.GENESIS, null, "mallory");

    assertThat(AuditHash.of(v2)).isNotEqualTo(AuditHash.of(v1));
    assertThat(AuditHash.of(otherPerson)).isNotEqualTo(AuditHash.of(v2));
    assertThat(AuditHash.of(v1)).isEqualTo(V1_HASH);
  }

  private static AuditRow row(String action, String detail) {
    return new AuditRow(
        1, AT, ACTOR, action, "", "", 7L, detail, AuditHash.GENESIS, null, ACTOR.person());
  }
}
