package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.DB_PROD;
import static dev.deckhand.commands.engine.EngineFixture.DB_STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.exec.ExecResult;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.sql.SqlFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /sql} and {@code /sql-migrate} against the fakes. */
class SqlKindsTest {
  private static final RoleSpec DBAS =
      new RoleSpec("dbas", Map.of("console", List.of("alice")), List.of("sql:*", "sql-migrate:*"));

  @TempDir Path dir;

  private EngineFixture world;

  private EngineFixture world() {
    if (world == null) {
      world = EngineFixture.builder().healthAttempts(0).role(DBAS).sqlDir(dir).build();
    }
    return world;
  }

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aStatementRunsByPsqlInTheDatabasePodAndItsRowsArePostedBounded() throws Exception {
    StringBuilder out = new StringBuilder(" id | name\n----+------\n");
    for (int i = 1; i <= 60; i++) {
      out.append("  ").append(i).append(" | user").append(i).append('\n');
    }
    out.append("(60 rows)\n");
    world().cluster.execAnswer(e -> ExecResult.of(0, out.toString(), ""));

    world.submit("/sql coachpilot \"SELECT id, name FROM users\" --env staging");
    OperationRecord done = world.awaitFinished();

    assertThat(done.kind()).isEqualTo("sql");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    FakeCluster.Exec exec = world.cluster.execs().get(0);
    assertThat(exec.target()).isEqualTo(DB_STAGING);
    assertThat(exec.request().pod())
        .isEqualTo(new PodSelector(PodSelector.Kind.STATEFULSET, "postgres"));
    assertThat(exec.request().container()).isEqualTo("postgres");
    assertThat(exec.request().argv())
        .containsExactly(
            "psql",
            "-v",
            "ON_ERROR_STOP=1",
            "-X",
            "-q",
            "-d",
            "coachpilot",
            "-U",
            "coachpilot",
            "-c",
            "SELECT id, name FROM users");
    assertThat(EngineFixture.step(done, "sql").detail())
        .contains("```SELECT id, name FROM users```")
        .contains("(60 rows), posted below");
    Reply.Listing rows =
        (Reply.Listing)
            eventually()
                .until(
                    () ->
                        world.chat.threads().stream()
                            .map(RecordingConversation.Threaded::reply)
                            .filter(r -> r instanceof Reply.Listing)
                            .findFirst()
                            .orElse(null),
                    r -> r != null);
    assertThat(rows.lines()).hasSize(2 + 50 + 2);
    assertThat(rows.lines().get(2)).isEqualTo("  1 | user1");
    assertThat(rows.lines().get(51)).isEqualTo("  50 | user50");
    assertThat(rows.lines().get(52)).isEqualTo("… 10 more lines not shown (50 of 60 shown)");
    assertThat(rows.lines().get(53)).isEqualTo("(60 rows)");
    assertThat(world.policy.holder("coachpilot", "staging")).isEmpty();
  }

  @Test
  void severalStatementsAreRefusedAndNothingRuns() {
    world().submit("/sql coachpilot \"UPDATE a SET x = 1; DELETE FROM b\" --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("/sql runs one statement at a time; this has 2");
    assertThat(p.hint()).contains("send each statement as its own /sql");
    assertThat(world.cluster.execs()).isEmpty();
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void inProdTheStatementIsShownVerbatimAndWaitsForApproval() throws Exception {
    String statement = "UPDATE users SET plan = 'pro' WHERE email LIKE '%@synergy.example'";
    world().submit("/sql coachpilot \"" + statement + "\" --env prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().state() == OperationState.PENDING_APPROVAL
                    && !world.chat.shown().notes().isEmpty());
    assertThat(world.chat.shown().steps().stream().filter(s -> s.name().equals("sql")))
        .singleElement()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("```" + statement + "```"));
    assertThat(world.cluster.execs()).isEmpty();

    world.react(BOB, "✅", true);
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.execs())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.target()).isEqualTo(DB_PROD);
              assertThat(e.request().argv()).endsWith(statement);
            });
  }

  @Test
  void aStatementThatLooksLikeASecretIsMaskedButStillRunsAsTyped() throws Exception {
    String statement = "ALTER ROLE app PASSWORD 'password=hunter2hunter2'";
    world().submit("/sql coachpilot \"" + statement + "\" --env staging");
    OperationRecord done = world.awaitFinished();
    assertThat(world.cluster.execs().get(0).request().argv()).endsWith(statement);
    assertThat(EngineFixture.step(done, "sql").detail()).doesNotContain("hunter2hunter2");
  }

  @Test
  void aFailingStatementFailsWithPsqlsError() throws Exception {
    world()
        .cluster
        .execAnswer(
            e -> ExecResult.of(3, "", "ERROR:  relation \"nope\" does not exist\nLINE 1: ..."));
    world.submit("/sql coachpilot \"SELECT * FROM nope\" --env staging");
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(EngineFixture.step(done, "sql").detail())
        .contains("psql exited with 3: ERROR:  relation \"nope\" does not exist");
    eventually().until(() -> world.chat.threads().toString().contains("psql failed (exit code 3)"));
  }

  @Test
  void aPodThatCannotBeReachedFailsTheOperation() throws Exception {
    world()
        .cluster
        .execAnswer(
            e -> {
              throw new ClusterException("no ready pod of statefulset/postgres in coachpilot");
            });
    world.submit("/sql coachpilot \"SELECT 1\" --env staging");
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(EngineFixture.step(done, "sql").detail()).contains("no ready pod");
  }

  @Test
  void migrationFilesRunInNameOrderEachOnceWithTheFileOnStdin() throws Exception {
    write("V1__users.sql", "CREATE TABLE users (id int);");
    write("V10__late.sql", "ALTER TABLE users ADD COLUMN late int;");
    write("V2__plans.sql", "CREATE TABLE plans (id int);");
    write("notes.txt", "not SQL");

    world().submit("/sql-migrate gateway --env staging");
    OperationRecord done = world.awaitFinished();

    assertThat(done.kind()).isEqualTo("sql-migrate");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.execs())
        .extracting(FakeCluster.Exec::stdin)
        .containsExactly(
            "CREATE TABLE users (id int);\n\\q\n",
            "CREATE TABLE plans (id int);\n\\q\n",
            "ALTER TABLE users ADD COLUMN late int;\n\\q\n");
    assertThat(world.cluster.execs().get(0).request().argv())
        .containsExactly(
            "psql", "-v", "ON_ERROR_STOP=1", "-X", "-q", "-d", "coachpilot", "-U", "coachpilot");
    assertThat(world.sqlLedger.applied("coachpilot", "staging").keySet())
        .containsExactlyInAnyOrder("V1__users.sql", "V2__plans.sql", "V10__late.sql");
    assertThat(world.sqlLedger.applied("coachpilot", "staging").get("V1__users.sql").sha256())
        .isEqualTo(SqlFiles.sha256("CREATE TABLE users (id int);".getBytes()));

    world.submit("/sql-migrate gateway --env staging");
    eventually().until(() -> world.chat.answers().toString().contains("nothing to do"));
    assertThat(world.chat.answers().toString()).contains("All 3 files of " + dir);
    assertThat(world.cluster.execs()).hasSize(3);
  }

  @Test
  void aDryRunListsTheFilesThatWouldRun() throws Exception {
    write("V1__users.sql", "CREATE TABLE users (id int);");
    write("V2__plans.sql", "CREATE TABLE plans (id int);");
    appliedByOp7("V1__users.sql", "CREATE TABLE users (id int);");

    world.submit("/sql-migrate gateway --env staging --dry-run");
    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(String.join("\n", plan.lines()))
        .contains("1 already applied, 1 to run")
        .contains("apply 1 file to database coachpilot")
        .contains("(V2__plans.sql)")
        .contains("dry run: nothing was changed");
    assertThat(world.cluster.execs()).isEmpty();
  }

  @Test
  void aFileChangedAfterItWasAppliedIsRefused() throws Exception {
    write("V1__users.sql", "CREATE TABLE users (id int, name text);");
    appliedByOp7("V1__users.sql", "CREATE TABLE users (id int);");

    world.submit("/sql-migrate gateway --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .startsWith("V1__users.sql was changed after it was applied (by op 7 at");
    assertThat(p.hint()).contains("put the change in a new file");
    assertThat(world.cluster.execs()).isEmpty();
  }

  @Test
  void aFailingFileStopsTheRestReportsPsqlsErrorsAndIsNotRecorded() throws Exception {
    write("V1__users.sql", "CREATE TABLE users (id int);");
    write("V2__bad.sql", "CREATE TABLE FAIL_ME ();");
    write("V3__after.sql", "CREATE TABLE after (id int);");
    world()
        .cluster
        .execAnswer(
            e ->
                e.stdin().contains("FAIL_ME")
                    ? ExecResult.of(3, "", "psql:<stdin>:1: ERROR:  syntax error at or near \"(\"")
                    : ExecResult.of(0, "", ""));

    world.submit("/sql-migrate gateway --env staging");
    OperationRecord done = world.awaitFinished();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(world.cluster.execs()).hasSize(2);
    assertThat(world.sqlLedger.applied("coachpilot", "staging").keySet())
        .containsExactly("V1__users.sql");
    assertThat(EngineFixture.step(done, "apply-sql").detail())
        .contains("applied V1__users.sql; then V2__bad.sql failed (psql exit code 3)")
        .contains("syntax error at or near")
        .contains("not recorded");
    eventually().until(() -> world.chat.threads().toString().contains("V2__bad.sql failed"));

    // fixed in a new file: the next run carries on after V1
    Files.delete(dir.resolve("V2__bad.sql"));
    write("V2__good.sql", "CREATE TABLE good (id int);");
    world.submit("/sql-migrate gateway --env staging");
    eventually()
        .until(
            () ->
                world.store.operations().size() == 2
                    && world.store.operations().get(1).state().isFinal());
    assertThat(world.cluster.execs())
        .extracting(FakeCluster.Exec::stdin)
        .last()
        .asString()
        .startsWith("CREATE TABLE after");
    assertThat(world.sqlLedger.applied("coachpilot", "staging")).hasSize(3);
  }

  @Test
  void aMigrationIsDestructiveSoProdWaitsForApproval() throws Exception {
    write("V1__users.sql", "CREATE TABLE users (id int);");
    world().submit("/sql-migrate gateway --env prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().state() == OperationState.PENDING_APPROVAL);
    assertThat(world.cluster.execs()).isEmpty();
    world.react(BOB, "✅", true);
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.execs().get(0).target()).isEqualTo(DB_PROD);
    assertThat(world.sqlLedger.applied("coachpilot", "prod")).containsKey("V1__users.sql");
    assertThat(world.sqlLedger.applied("coachpilot", "staging")).isEmpty();
  }

  @Test
  void withoutAGrantSqlIsRefused() {
    EngineFixture plain = EngineFixture.builder().healthAttempts(0).build();
    try {
      plain.submit("/sql coachpilot \"SELECT 1\" --env staging");
      Reply.Problem p = plain.awaitAnswer(Reply.Problem.class);
      assertThat(p.problem()).contains("sql");
      assertThat(plain.cluster.execs()).isEmpty();
    } finally {
      plain.close();
    }
  }

  @Test
  void aStatementInterruptedByARestartIsNotRunAgainTheOperationStopsAndSaysSo() {
    world();
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("summary", "sql on coachpilot");
    p.put("service", "coachpilot");
    p.put("environment", "staging");
    p.put("cluster", DB_STAGING.cluster());
    p.put("namespace", DB_STAGING.namespace());
    p.put("deployment", DB_STAGING.deployment());
    p.put("container", DB_STAGING.container());
    p.put("planHash", "hash");
    p.put("breakGlass", "");
    p.put("database", "coachpilot");
    p.put("statement", "DELETE FROM sessions");
    p.put("podKind", "statefulset");
    p.put("pod", "postgres");
    p.put("db", "coachpilot");
    p.put("user", "coachpilot");
    long op =
        world.store.create(
            "sql",
            EngineFixture.ALICE,
            "coachpilot",
            "staging",
            "/sql coachpilot \"DELETE FROM sessions\"",
            OperationState.RUNNING,
            List.of(
                new dev.deckhand.commands.operation.StepRecord(
                    "sql",
                    "run one statement",
                    dev.deckhand.commands.operation.StepState.RUNNING,
                    "")),
            world.chat.id(),
            p);
    world.store.attachMessage(op, "m-before");
    world.policy.acquire(
        new dev.deckhand.commands.ports.LockStore.Lock(
            "coachpilot",
            "staging",
            EngineFixture.ALICE,
            "sql on coachpilot",
            op,
            "dead",
            java.time.Instant.EPOCH));

    assertThat(world.engine.resume()).isEqualTo(1);
    eventually().until(() -> world.store.only().state().isFinal());
    assertThat(world.store.only().state()).isEqualTo(OperationState.FAILED);
    assertThat(world.cluster.execs()).isEmpty(); // never run twice
    assertThat(EngineFixture.step(world.store.only(), "sql").detail())
        .contains("Deckhand stopped while this step ran")
        .contains("does not repeat it");
    assertThat(world.policy.holder("coachpilot", "staging")).isEmpty();
  }

  /** The ledger records {@code file} with {@code content} as applied to staging by op 7. */
  private void appliedByOp7(String file, String content) {
    world().sqlLedger.record("coachpilot", "staging", file, SqlFiles.sha256(content.getBytes()), 7);
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unused")
  private static List<String> lines(String s) {
    return new ArrayList<>(List.of(s.split("\n")));
  }
}
