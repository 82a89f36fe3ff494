package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.FreezeStore;
import dev.deckhand.commands.ports.FreezeStore.Freeze;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class FreezeStoreIT {

  private static final Actor ALICE = new Actor("slack", "U1", "Alice");
  private static final Actor BOB = new Actor("slack", "U2", "Bob");
  private static final Instant NOON = Instant.parse("2026-05-19T12:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-05-19T14:00:00.000001999Z");

  private FreezeStore freezes;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    freezes = postgres.fresh().stores().freezes();
  }

  @Test
  void freezeIsActiveUntilItsEnd() {
    freezes.freeze("prod", UNTIL, ALICE, "peak hours");

    Freeze expected =
        new Freeze("prod", Instant.parse("2026-05-19T14:00:00.000001Z"), ALICE, "peak hours");
    assertThat(freezes.active("prod", NOON)).contains(expected);
    assertThat(freezes.active("prod", Instant.parse("2026-05-19T14:00:00Z"))).contains(expected);
    assertThat(freezes.active("prod", Instant.parse("2026-05-19T14:00:00.000001Z"))).isEmpty();
    assertThat(freezes.active("prod", NOON.plusSeconds(86_400))).isEmpty();
    assertThat(freezes.active("staging", NOON)).isEmpty();
  }

  @Test
  void newFreezeReplacesTheEarlierOne() {
    freezes.freeze("prod", UNTIL, ALICE, "peak hours");

    freezes.freeze("prod", NOON.plusSeconds(600), BOB, "incident");

    assertThat(freezes.active("prod", NOON))
        .contains(new Freeze("prod", NOON.plusSeconds(600), BOB, "incident"));
    assertThat(freezes.active("prod", NOON.plusSeconds(3600))).isEmpty();
  }

  @Test
  void expiredFreezeCanBeReplaced() {
    freezes.freeze("prod", NOON.minusSeconds(1), ALICE, "over");
    assertThat(freezes.active("prod", NOON)).isEmpty();

    freezes.freeze("prod", UNTIL, BOB, "again");

    assertThat(freezes.active("prod", NOON)).map(Freeze::by).contains(BOB);
  }

  @Test
  void unfreezeLiftsItOnce() {
    freezes.freeze("prod", UNTIL, ALICE, "peak hours");
    freezes.freeze("staging", UNTIL, null, "configured by the system");

    assertThat(freezes.unfreeze("prod")).isTrue();
    assertThat(freezes.unfreeze("prod")).isFalse();

    assertThat(freezes.active("prod", NOON)).isEmpty();
    assertThat(freezes.active("staging", NOON))
        .hasValueSatisfying(f -> assertThat(f.by()).isNull());
  }
}
