package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deckhand audit verify|export} through the command line, on the embedded store under a
 * temporary {@code DECKHAND_HOME}, tampered with by SQL as the table's owner could.
 */
class AuditCliIT {
  private static final Actor DAVE = new Actor("console", "dave", "Dave \"ops\" ✅");

  @TempDir Path home;

  @Test
  void verifiesExportsAndNamesAChangedRow() throws Exception {
    try (Database db = Database.embedded(home.resolve("db"))) {
      db.stores().audit().append(DAVE, "command", "gateway", "prod", 0, "/deploy gateway v2");
      db.stores().audit().append(null, "result", "gateway", "prod", 7, "succeeded\nin 42 s");
      db.stores().audit().append(DAVE, "command", "api", "staging", 0, "/status api");
    }

    Run intact = cli("audit", "verify");
    assertThat(intact.code()).as(intact.err()).isZero();
    assertThat(intact.out())
        .matches("audit trail intact: 3 rows, last seq 3, last hash [0-9a-f]{64}\n");

    Run toStdout = cli("audit", "export");
    Path file = home.resolve("export").resolve("audit.jsonl");
    Files.createDirectories(file.getParent());
    Run toFile = cli("audit", "export", "--out", file.toString());
    assertThat(toStdout.code()).as(toStdout.err()).isZero();
    assertThat(toFile.code()).as(toFile.err()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(lines.get(i)).startsWith("{\"seq\":" + (i + 1) + ",").endsWith("\"}");
    }
    assertThat(lines.get(0)).contains("\"actor_name\":\"Dave \\\"ops\\\" ✅\"");
    assertThat(lines.get(1)).contains("\"actor_id\":null", "\"detail\":\"succeeded\\nin 42 s\"");
    assertThat(lines.get(2)).endsWith("\"hash\":\"" + lastHashOf(intact.out()) + "\"}");
    assertThat(toStdout.out()).isEqualTo(String.join("\n", lines) + "\n");
    assertThat(toFile.err()).contains("exported 3 audit rows to " + file.toAbsolutePath());
    try (Stream<Path> written = Files.list(file.getParent())) {
      assertThat(written).as("no partial file left behind").containsExactly(file);
    }

    tamper("UPDATE audit SET detail = '/deploy gateway v1' WHERE seq = 2");

    Run broken = cli("audit", "verify");
    assertThat(broken.code()).isEqualTo(3);
    assertThat(broken.out())
        .startsWith("audit trail NOT intact: row 2 was changed: ")
        .contains("last good seq 1");
  }

  @Test
  void missingStoreIsNamedWithoutCreatingOne() {
    Run run = cli("audit", "verify");
    Run demo = cli("audit", "export", "--demo");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("no embedded store at " + home.resolve("db").toAbsolutePath());
    assertThat(demo.code()).isEqualTo(1);
    assertThat(demo.err()).contains("no embedded store at " + home.resolve("demo/db"));
    assertThat(home.resolve("db")).doesNotExist();
  }

  @Test
  void badArgumentsShowTheUsage() {
    Run unknown = cli("audit", "repair");
    Run outOnVerify = cli("audit", "verify", "--out", "x.jsonl");
    Run noCatalog = cli("audit", "verify", "--config", home.resolve("nope.yaml").toString());

    for (Run run : List.of(unknown, outOnVerify, noCatalog)) {
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("usage: deckhand audit verify");
    }
    assertThat(unknown.err()).contains("unknown audit command 'repair'");
    assertThat(outOnVerify.err()).contains("unexpected '--out'");
    assertThat(noCatalog.err()).contains("no catalog file at");
  }

  private record Run(int code, String out, String err) {}

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Cli(
                Map.of("DECKHAND_HOME", home.toString()),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void tamper(String update) throws SQLException {
    try (Database db = Database.embedded(home.resolve("db"));
        Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE audit DISABLE TRIGGER audit_no_update_or_delete");
      statement.execute(update);
    }
  }

  private static String lastHashOf(String verifyOutput) {
    return verifyOutput.substring(verifyOutput.lastIndexOf(' ') + 1).trim();
  }
}
