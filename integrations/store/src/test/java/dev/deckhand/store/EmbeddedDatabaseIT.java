package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, restarting and recovering the embedded server on one data directory. */
class EmbeddedDatabaseIT {

  private static final Actor ERIN = new Actor("console", "erin", "Erin");

  @TempDir Path temp;

  @Test
  void restartOnTheSameDirectoryKeepsTheData() {
    Path dir = temp.resolve("pg");
    long id;
    try (Database first = Database.embedded(dir)) {
      assertThat(first.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
      id =
          first
              .stores()
              .operations()
              .create(
                  "deploy",
                  ERIN,
                  "api",
                  "staging",
                  "/deploy api abc1234",
                  OperationState.RUNNING,
                  List.of(new StepRecord("set-image", "Set image", StepState.RUNNING, "")),
                  "C1",
                  Map.of("tag", "abc1234"));
      first.stores().audit().append(ERIN, "command", "api", "staging", id, "/deploy api abc1234");
    }

    try (Database second = Database.embedded(dir)) {
      assertThat(second.stores().operations().unfinished())
          .singleElement()
          .satisfies(o -> assertThat(o.id()).isEqualTo(id));
      assertThat(second.stores().operations().params(id))
          .containsExactly(Map.entry("tag", "abc1234"));
      assertThat(second.stores().audit().recent("api", 5)).hasSize(1);
      second.stores().audit().append(null, "startup", null, null, 0, "");
      assertThat(second.stores().auditVerifier().verify().valid()).isTrue();
    }
  }

  @Test
  void secondOpenOfALiveDirectoryIsRefused() {
    Path dir = temp.resolve("pg");
    try (Database first = Database.embedded(dir)) {
      assertThatThrownBy(() -> Database.embedded(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already open");
      assertThat(first.stores().audit().recent(null, 1)).isEmpty();
    }
  }

  @Test
  void serverOrphanedByAKilledProcessIsStoppedAndTheDataKept() throws Exception {
    Path dir = temp.resolve("pg").toAbsolutePath();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OrphaningMain.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      boolean ready =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60), () -> out.lines().anyMatch(line -> line.equals("READY")));
      assertThat(ready).as("the child started its database").isTrue();
    } finally {
      child.destroyForcibly();
      child.onExit().get();
    }
    ProcessHandle orphan = postmaster(dir).orElseThrow();
    assertThat(orphan.isAlive()).as("pg_ctl daemonised the server; it outlives kill -9").isTrue();

    try (Database restarted = Database.embedded(dir)) {
      assertThat(orphan.isAlive()).isFalse();
      assertThat(restarted.stores().audit().recent("svc", 5))
          .singleElement()
          .satisfies(e -> assertThat(e.detail()).isEqualTo("before kill -9"));
    }
  }

  @Test
  void pidFileNamingAnUnrelatedLiveProcessIsRemoved() throws IOException {
    Path dir = temp.resolve("pg").toAbsolutePath();
    try (Database first = Database.embedded(dir)) {
      first.stores().audit().append(ERIN, "first", null, null, 0, "");
    }
    // A recycled pid: PostgreSQL itself would refuse to start while that process lives.
    Files.writeString(
        dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");

    try (Database second = Database.embedded(dir)) {
      assertThat(second.stores().audit().recent(null, 5)).hasSize(1);
    }
  }

  @Test
  void directoryHoldingOtherFilesIsRefused() throws IOException {
    Path dir = temp.resolve("home");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("deckhand.yaml"), "services: {}\n");

    assertThatThrownBy(() -> Database.embedded(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("neither empty nor a PostgreSQL data directory");
    assertThat(Files.readString(dir.resolve("deckhand.yaml"))).isEqualTo("services: {}\n");
  }

  @Test
  void unreachableExternalDatabaseFailsWithItsUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/deckhand?connectTimeout=2";

    assertThatThrownBy(() -> Database.external(url, "deckhand", "s3cret"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + port + "/deckhand")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> Database.external("jdbc:mysql://x/y", null, null))
        .isInstanceOf(StoreException.class);
  }

  private static Optional<ProcessHandle> postmaster(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
  }
}
