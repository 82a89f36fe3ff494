package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deckhand check} and {@code run} on catalogs that configure a chat platform. */
class ClosedByDefaultCliTest {
  @TempDir Path dir;

  /** Lines 1 to 13; chat.slack is line 15. */
  private static final String BASE =
      """
      registries:
        default: {url: "https://registry.example.com"}
      clusters:
        prod: {context: prod}
      environments:
        prod: {cluster: prod, protected: true}
      services:
        gateway:
          image: acme/gateway
          targets:
            prod: {namespace: web, deployment: gateway}
      store: {url: "jdbc:postgresql://127.0.0.1:9/deckhand"}

      chat:
        slack: {mode: socket, team-id: T0001, bot-token: env:SLACK_BOT_TOKEN, app-token: env:SLACK_APP_TOKEN}
      """;

  private record Run(int code, String out, String err) {}

  @Test
  void checkRefusesASlackCatalogWithoutRolesWithExit2NamingFileLineAndWhatToAdd() throws Exception {
    Path file = write(BASE);

    Run run = cli("check", "--config", file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("the catalog has problems; nothing was started")
        .contains(
            file + ":15: chat.slack: a chat platform is configured but the catalog has no roles")
        .contains("add a roles: section", "open: true");
    assertThat(run.out()).doesNotContain("valid");
  }

  @Test
  void runRefusesItTooBeforeStartingAnything() throws Exception {
    Path file = write(BASE);

    Run run = cli("run", "--config", file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(":15: chat.slack: a chat platform is configured");
    assertThat(dir.resolve("home").resolve("logs")).doesNotExist();
  }

  @Test
  void openTruePassesWithAWarning() throws Exception {
    Path file = write(BASE + "open: true\n");

    Run run = cli("check", "--config", file.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .startsWith(file + ": the catalog is valid, with 1 warning(s):")
        .contains("  warning: " + file + ":16: open: the catalog is open");
  }

  @Test
  void rolesMakeItValidWithoutWarnings() throws Exception {
    Path file =
        write(
            BASE
                + "people:\n  bob: {slack: U024BE7LH, console: bob}\n"
                + "roles:\n  ops: {people: [bob], grants: [\"deploy:*\"]}\n");

    Run run = cli("check", "--config", file.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out().strip()).isEqualTo(file + ": the catalog is valid");
  }

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("catalog.yaml"), yaml);
  }

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Cli(
                Map.of(
                    "DECKHAND_HOME",
                    dir.resolve("home").toString(),
                    "SLACK_BOT_TOKEN",
                    "xoxb-1-2-abc",
                    "SLACK_APP_TOKEN",
                    "xapp-1-A1-2-def"),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
