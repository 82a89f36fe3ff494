package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.kubesim.SimPsql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /sql} and {@code /sql-migrate} in the demo as a person uses them: the demo catalog and its
 * SQL files, the fabric8 exec adapter against kube-sim's scripted psql, the ledger in embedded
 * PostgreSQL, the console chat.
 */
class SqlDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension
  static final DemoSession demo =
      DemoSession.of(
          PATIENCE,
          dir -> {
            Path catalog = DemoSession.demoCatalog(dir, yaml -> yaml);
            DemoFiles.copySqlTo(dir);
            return catalog;
          });

  @Test
  void aSelectInStagingRunsAtOnceAndItsRowsArePosted() {
    demo.say("/sql coachpilot \"SELECT id, name, plan FROM users\"");
    String last = demo.awaitFinal("sql on coachpilot · staging");
    assertThat(last).contains("— succeeded after").contains("SELECT id, name, plan FROM users");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("(3 rows)"));
    assertThat(demo.transcript().text()).contains(" 2  | bob   | free");
    assertThat(statements("staging"))
        .anySatisfy(
            s -> {
              assertThat(s.sql()).isEqualTo("SELECT id, name, plan FROM users");
              assertThat(s.database()).isEqualTo("coachpilot");
              assertThat(s.user()).isEqualTo("coachpilot");
              assertThat(s.pod()).startsWith("postgres-");
            });
  }

  @Test
  void inProdTheStatementWaitsForAReleaseManagerAndAFailureShowsPsqlsError() {
    demo.say("/sql coachpilot \"UPDATE users SET plan = 'pro' WHERE FAIL_ME\" --env prod");
    demo.awaitRequest("sql on coachpilot · prod");
    assertThat(demo.transcript().lastMessageContaining("sql on coachpilot · prod"))
        .contains("UPDATE users SET plan = 'pro' WHERE FAIL_ME");
    assertThat(statements("prod")).isEmpty();

    demo.say("as bob: /approve " + demo.opId("sql on coachpilot · prod"));
    String last = demo.awaitFinal("sql on coachpilot · prod");
    assertThat(last).contains("— failed after").contains("psql exited with 3");
    assertThat(statements("prod")).singleElement().satisfies(s -> assertThat(s.failed()).isTrue());
  }

  @Test
  void theMigrationFilesRunOnceInOrderAndTheDryRunListsThem() {
    demo.say("/sql-migrate gateway --env staging --dry-run");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("V1__coach_notes.sql, V2__session_mode.sql"));
    demo.say("/sql-migrate gateway --env staging");
    String last = demo.awaitFinal("sql-migrate gateway (2 files) · staging");
    assertThat(last).contains("— succeeded after").contains("applied V1__coach_notes.sql");
    assertThat(
            demo.world().database().stores().sqlLedger().applied("coachpilot", "staging").keySet())
        .containsExactly("V1__coach_notes.sql", "V2__session_mode.sql");
    assertThat(statements("staging"))
        .extracting(SimPsql.Statement::sql)
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE coach_note"))
        .anySatisfy(s -> assertThat(s).startsWith("ALTER TABLE coaching_session ADD COLUMN mode"));

    demo.say("/sql-migrate gateway --env staging");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                demo.transcript().contains("are applied to coachpilot in staging; nothing to do."));
  }

  private static List<SimPsql.Statement> statements(String cluster) {
    return demo.world().sim().cluster(cluster).psql().statements();
  }
}
