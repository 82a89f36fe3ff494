package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.store.AuditVerifier.Problem;
import dev.deckhand.store.AuditVerifier.Result;
import dev.deckhand.store.AuditVerifier.Tampering;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tampers with the trail by direct SQL (triggers disabled, as an owner could) and verifies. */
@ExtendWith(PostgresExtension.class)
class AuditVerifierIT {

  private static final Actor DAVE = new Actor("console", "dave", "Dave");
  private static final String UNGUARD =
      "ALTER TABLE audit DISABLE TRIGGER audit_no_update_or_delete";

  private Database database;
  private AuditVerifier verifier;

  @BeforeEach
  void fiveEvents(TestPostgres postgres) {
    database = postgres.fresh();
    verifier = database.stores().auditVerifier();
    AuditLog audit = database.stores().audit();
    for (int i = 1; i <= 5; i++) {
      audit.append(i % 2 == 0 ? null : DAVE, "step", "gateway", "prod", 40 + i, "event " + i);
    }
  }

  @Test
  void intactChainIsValidAndReportsItsHead() {
    Result result = verifier.verify();

    assertThat(result.valid()).isTrue();
    assertThat(result.rowsChecked()).isEqualTo(5);
    assertThat(result.lastSeq()).isEqualTo(5);
    assertThat(result.lastHash()).isEqualTo(hashOf(5));
  }

  @Test
  void emptyTrailIsValid(TestPostgres postgres) {
    Result result = postgres.fresh().stores().auditVerifier().verify();

    assertThat(result.valid()).isTrue();
    assertThat(result.rowsChecked()).isZero();
    assertThat(result.lastHash()).isEqualTo("0".repeat(64));
  }

  @Test
  void changedDetailIsNamed() {
    TestPostgres.execute(database, UNGUARD, "UPDATE audit SET detail = 'nothing' WHERE seq = 3");

    assertProblem(Tampering.CHANGED, 3);
  }

  @Test
  void timeMovedByOneMicrosecondIsNamed() {
    TestPostgres.execute(
        database, UNGUARD, "UPDATE audit SET at = at + interval '1 microsecond' WHERE seq = 2");

    assertProblem(Tampering.CHANGED, 2);
  }

  @Test
  void deletedRowIsNamed() {
    TestPostgres.execute(database, UNGUARD, "DELETE FROM audit WHERE seq = 3");

    Problem problem = assertProblem(Tampering.DELETED, 3);
    assertThat(problem.message()).isEqualTo("rows 3 to 3 are missing: deleted");
  }

  @Test
  void deletedFirstRowIsNamed() {
    TestPostgres.execute(database, UNGUARD, "DELETE FROM audit WHERE seq = 1");

    assertProblem(Tampering.DELETED, 1);
  }

  @Test
  void rowRewrittenWithARecomputedHashIsCaughtAtItsSuccessor() throws SQLException {
    AuditRow third = row(3);
    AuditRow forged =
        AuditRow.chained(
            3,
            third.at(),
            third.actor(),
            third.action(),
            third.service(),
            third.environment(),
            third.operationId(),
            "nothing happened",
            third.prevHash());
    TestPostgres.execute(
        database,
        UNGUARD,
        "UPDATE audit SET detail = 'nothing happened', hash = '"
            + forged.hash()
            + "' WHERE seq = 3");

    assertProblem(Tampering.DELETED, 4);
  }

  @Test
  void rowInsertedInTheMiddleWithAValidHashIsNamed() throws SQLException {
    TestPostgres.execute(
        database,
        UNGUARD,
        "UPDATE audit SET seq = seq + 1000 WHERE seq >= 3",
        "UPDATE audit SET seq = seq - 999 WHERE seq > 1000");
    insert(
        AuditRow.chained(
            3, Instant.now(), DAVE, "vote", "gateway", "prod", 43L, "approved by dave", hashOf(2)));

    Problem problem = assertProblem(Tampering.INSERTED, 3);
    assertThat(problem.message()).contains("row 3 is not in the chain");
  }

  @Test
  void rowAppendedByHandIsNamed() throws SQLException {
    String fake = "f".repeat(64);
    insert(new AuditRow(6, Instant.now(), DAVE, "deploy", "gateway", "prod", null, "", fake, fake));

    assertProblem(Tampering.INSERTED, 6);
  }

  @Test
  void rowsStoredBeforePeopleKeepTheirHashAndStillVerify() throws SQLException {
    AuditRow unhashed =
        new AuditRow(6, Instant.now(), DAVE, "deploy", "gateway", "prod", 46L, "", hashOf(5), null);
    AuditRow old =
        new AuditRow(
            6,
            unhashed.at(),
            DAVE,
            "deploy",
            "gateway",
            "prod",
            46L,
            "",
            hashOf(5),
            AuditHash.of(unhashed));
    insert(old);
    database.stores().audit().append(DAVE, "step", "gateway", "prod", 46, "after the upgrade");

    assertThat(row(6).person()).isNull();
    assertThat(row(7).person()).isEqualTo("console:dave");
    Result result = verifier.verify();
    assertThat(result.valid()).as(result.problem().map(Problem::message).orElse("")).isTrue();
    assertThat(result.rowsChecked()).isEqualTo(7);
  }

  @Test
  void aPersonClearedOrChangedIsNamed() {
    TestPostgres.execute(database, UNGUARD, "UPDATE audit SET actor_person = NULL WHERE seq = 1");
    assertProblem(Tampering.CHANGED, 1);
  }

  @Test
  void aPersonSwappedIsNamed() {
    TestPostgres.execute(
        database, UNGUARD, "UPDATE audit SET actor_person = 'mallory' WHERE seq = 3");
    assertProblem(Tampering.CHANGED, 3);
  }

  private Problem assertProblem(Tampering kind, long seq) {
    Result result = verifier.verify();
    assertThat(result.valid()).isFalse();
    Problem problem = result.problem().orElseThrow();
    assertThat(problem.kind()).as(problem.message()).isEqualTo(kind);
    assertThat(problem.seq()).as(problem.message()).isEqualTo(seq);
    return problem;
  }

  private String hashOf(long seq) {
    try {
      return row(seq).hash();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private AuditRow row(long seq) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT " + AuditRow.COLUMNS + " FROM audit WHERE seq = ?")) {
      query.setLong(1, seq);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return AuditRow.read(rows);
      }
    }
  }

  private void insert(AuditRow row) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert = connection.prepareStatement(AuditRow.INSERT)) {
      row.bind(insert);
      insert.executeUpdate();
    }
  }
}
