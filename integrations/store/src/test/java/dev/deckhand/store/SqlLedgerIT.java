package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.SqlLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SqlLedgerIT {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  private Database database;
  private SqlLedger ledger;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    database = postgres.fresh();
    ledger = database.stores().sqlLedger();
  }

  @Test
  void recordsEachFileOncePerDatabaseAndEnvironment() {
    assertThat(ledger.applied("coachpilot", "staging")).isEmpty();
    ledger.record("coachpilot", "staging", "V1__users.sql", A, 11);
    ledger.record("coachpilot", "staging", "V2__plans.sql", B, 11);
    ledger.record("coachpilot", "staging", "V1__users.sql", A, 12); // again: nothing changes

    var applied = ledger.applied("coachpilot", "staging");
    assertThat(applied.keySet()).containsExactlyInAnyOrder("V1__users.sql", "V2__plans.sql");
    assertThat(applied.get("V1__users.sql").sha256()).isEqualTo(A);
    assertThat(applied.get("V1__users.sql").operationId()).isEqualTo(11);
    assertThat(applied.get("V1__users.sql").at()).isNotNull();
    assertThat(ledger.applied("coachpilot", "prod")).isEmpty();
    assertThat(ledger.applied("other", "staging")).isEmpty();
  }

  @Test
  void aFileRecordedWithAnotherHashIsRefusedAndKeepsItsFirstRecord() {
    ledger.record("coachpilot", "staging", "V1__users.sql", A, 11);
    assertThatThrownBy(() -> ledger.record("coachpilot", "staging", "V1__users.sql", B, 12))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already recorded with another content");
    assertThat(ledger.applied("coachpilot", "staging").get("V1__users.sql").sha256()).isEqualTo(A);
  }

  @Test
  void survivesAReopenOfTheDatabase() throws Exception {
    ledger.record("coachpilot", "prod", "V1__users.sql", A, 3);
    try (Database other = Database.external(database.jdbcUrl(), "postgres", null)) {
      assertThat(other.stores().sqlLedger().applied("coachpilot", "prod"))
          .containsKey("V1__users.sql");
    }
  }
}
