package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.kubesim.SimPsql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /sql} and {@code /sql-migrate} in the demo as a person uses them: the demo catalog and its
 * SQL files, the fabric8 exec adapter against kube-sim's scripted psql, the ledger in embedded
 * PostgreSQL, the console chat.
 */
class SqlDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  @TempDir static Path dir;
  static DemoWorld world;
  static Transcript transcript;
  static ConsoleChat chat;

  @BeforeAll
  static void start() throws Exception {
    Path catalog = dir.resolve("demo.yaml");
    Files.writeString(catalog, Files.readString(Path.of("..", "config", "demo.yaml")));
    DemoFiles.copyTo(dir);
    Path sql = dir.resolve("sql/coachpilot");
    Files.createDirectories(sql);
    try (var files = Files.list(Path.of("..", "config", "sql", "coachpilot"))) {
      for (Path f : files.toList()) {
        Files.copy(f, sql.resolve(f.getFileName()));
      }
    }
    transcript = new Transcript();
    world =
        DemoWorld.start(
            new CatalogLoader(SecretResolver.standard(Map.of())),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            transcript.out());
    world.runtime().start();
    chat = world.runtime().console();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aSelectInStagingRunsAtOnceAndItsRowsArePosted() {
    say("/sql coachpilot \"SELECT id, name, plan FROM users\"");
    String last = awaitFinal("sql on coachpilot · staging");
    assertThat(last).contains("— succeeded after").contains("SELECT id, name, plan FROM users");
    await().atMost(PATIENCE).until(() -> transcript.contains("(3 rows)"));
    assertThat(transcript.text()).contains(" 2  | bob   | free");
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
    say("/sql coachpilot \"UPDATE users SET plan = 'pro' WHERE FAIL_ME\" --env prod");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                transcript
                    .lastMessageContaining("sql on coachpilot · prod")
                    .contains("needs 1 approval"));
    assertThat(transcript.lastMessageContaining("sql on coachpilot · prod"))
        .contains("UPDATE users SET plan = 'pro' WHERE FAIL_ME");
    assertThat(statements("prod")).isEmpty();

    say("as bob: /approve " + opId("sql on coachpilot · prod"));
    String last = awaitFinal("sql on coachpilot · prod");
    assertThat(last).contains("— failed after").contains("psql exited with 3");
    assertThat(statements("prod")).singleElement().satisfies(s -> assertThat(s.failed()).isTrue());
  }

  @Test
  void theMigrationFilesRunOnceInOrderAndTheDryRunListsThem() {
    say("/sql-migrate gateway --env staging --dry-run");
    await()
        .atMost(PATIENCE)
        .until(() -> transcript.contains("V1__coach_notes.sql, V2__session_mode.sql"));
    say("/sql-migrate gateway --env staging");
    String last = awaitFinal("sql-migrate gateway (2 files) · staging");
    assertThat(last).contains("— succeeded after").contains("applied V1__coach_notes.sql");
    assertThat(world.database().stores().sqlLedger().applied("coachpilot", "staging").keySet())
        .containsExactly("V1__coach_notes.sql", "V2__session_mode.sql");
    assertThat(statements("staging"))
        .extracting(SimPsql.Statement::sql)
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE coach_note"))
        .anySatisfy(s -> assertThat(s).startsWith("ALTER TABLE coaching_session ADD COLUMN mode"));

    say("/sql-migrate gateway --env staging");
    await()
        .atMost(PATIENCE)
        .until(() -> transcript.contains("are applied to coachpilot in staging; nothing to do."));
  }

  private static List<SimPsql.Statement> statements(String cluster) {
    return world.sim().cluster(cluster).psql().statements();
  }

  private static String opId(String marker) {
    String first = transcript.lastMessageContaining(marker).lines().findFirst().orElseThrow();
    Matcher m = Pattern.compile("op (\\d+) ·").matcher(first);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static void say(String line) {
    chat.accept(line);
  }

  private static String awaitFinal(String marker) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              String m = transcript.lastMessageContaining(marker);
              return m.contains("succeeded after") || m.contains("failed after");
            });
    return transcript.lastMessageContaining(marker);
  }
}
