package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.deckhand.commands.operation.OperationState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * DESIGN §6: "a crash at any write resumes correctly, and a compensating step (rollback) runs only
 * after a recorded failure". Three deploys — one that succeeds, one whose pods crash and that is
 * rolled back, one to prod through an approval — each run once to count the writes the engine makes
 * to the store, then once per write and per way to fail there: the write throws a store error (the
 * engine carries on), or the process dies just before or just after it (a fresh engine on the same
 * store, cluster and chat resumes). After every run: the operation ended as it should (or was
 * refused before anything was stored or changed) and is in the timeline once, the cluster runs the
 * right image, no healthy deploy was undone and a failed one was undone once, nothing is left
 * running, pending or locked, and the audit chain verifies.
 *
 * <p>Every run is judged; the failures are printed grouped and fail the test at the end. The full
 * list is written to {@code target/crash-injection.txt}, the engine's log of every run to {@code
 * target/deckhand-home/logs/deckhand.log} (stderr stays quiet unless {@code -Dcrash.stderr=true}).
 *
 * <p>Run it alone (about a minute; {@code -Dcrash.only=deploy-ok/DEATH_AFTER/13} for one
 * injection):
 *
 * <pre>
 * mvn -B -o -pl bot -am -Dspotless.check.skip=true -Dit.test=CrashInjectionIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false verify
 * </pre>
 */
class CrashInjectionIT {
  private static final List<CrashScenario> SCENARIOS =
      List.of(
          new CrashScenario(
              "deploy-ok",
              "staging",
              CrashWorld.NEW_TAG,
              false,
              OperationState.SUCCEEDED,
              CrashWorld.NEW_TAG,
              false),
          new CrashScenario(
              "deploy-crash-rolled-back",
              "staging",
              CrashWorld.CRASH_TAG,
              false,
              OperationState.ROLLED_BACK,
              CrashWorld.RUNNING_TAG,
              true),
          new CrashScenario(
              "prod-approved",
              "prod",
              CrashWorld.NEW_TAG,
              true,
              OperationState.SUCCEEDED,
              CrashWorld.NEW_TAG,
              false));

  private static final List<Fuse.Mode> MODES =
      List.of(Fuse.Mode.STORE_ERROR, Fuse.Mode.DEATH_BEFORE, Fuse.Mode.DEATH_AFTER);

  @TempDir static Path dir;
  static CrashWorld world;
  static Appender<ILoggingEvent> stderr;

  /** One injection that went wrong. */
  record Failure(
      CrashScenario scenario,
      Fuse.Mode mode,
      int point,
      String write,
      List<CrashRun.Problem> problems,
      List<String> transcript) {}

  @BeforeAll
  static void startTheWorld() throws Exception {
    world = CrashWorld.start(dir);
    // Hundreds of injected failures each log a stack trace: keep them in the log file only.
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    stderr = root.getAppender("STDERR");
    if (stderr != null && !Boolean.getBoolean("crash.stderr")) {
      root.detachAppender(stderr);
    }
  }

  @AfterAll
  static void stopTheWorld() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (stderr != null && root.getAppender("STDERR") == null) {
      root.addAppender(stderr);
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  void everyPersistedWriteSurvivesAStoreErrorAndAProcessDeath() throws Exception {
    org.slf4j.Logger log = LoggerFactory.getLogger(CrashInjectionIT.class);
    List<Failure> failures = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    int total = 0;
    for (CrashScenario scenario : SCENARIOS) {
      log.info("crash injection: dry run of {}", scenario.name());
      List<String> writes;
      int beforeChange;
      try (CrashRun dry = new CrashRun(world, scenario, Fuse.unarmed()).drive()) {
        assertThat(dry.judge(false))
            .as("the dry run of %s, without any injection:%n%s", scenario.name(), dry.transcript())
            .isEmpty();
        writes = dry.fuse().writes();
        beforeChange = dry.fuse().firstChangeAt();
      }
      int failed = 0;
      int injections = 0;
      for (Fuse.Mode mode : MODES) {
        for (int n = 1; n <= writes.size(); n++) {
          if (!selected(scenario, mode, n)) {
            continue;
          }
          log.info(
              "crash injection: {} {} at write {} ({})",
              scenario.name(),
              mode,
              n,
              writes.get(n - 1));
          injections++;
          try (CrashRun run = new CrashRun(world, scenario, new Fuse(mode, n)).drive()) {
            List<CrashRun.Problem> problems = new ArrayList<>(run.judge(n <= beforeChange));
            String at = run.fuse().blownAt();
            if (!at.isEmpty() && !at.equals(writes.get(n - 1))) {
              problems.add(
                  new CrashRun.Problem(
                      "harness",
                      "write " + n + " was " + at + " here but " + writes.get(n - 1) + " dry"));
            }
            if (!problems.isEmpty()) {
              failures.add(
                  new Failure(scenario, mode, n, writes.get(n - 1), problems, run.transcript()));
              failed++;
            }
          }
        }
      }
      total += injections;
      summary.add(
          String.format(
              "scenario %s: %d writes (%d before the cluster changes), %d injections, %d failed",
              scenario.name(), writes.size(), beforeChange, injections, failed));
      System.out.printf(
          "crash injection: scenario %s: writes %s%n", scenario.name(), numbered(writes));
    }
    String report = report(summary, total, failures);
    System.out.println(report);
    Path file = Path.of("target", "crash-injection.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report + "\n" + details(failures));
    assertThat(failures).as(report).isEmpty();
  }

  /**
   * {@code -Dcrash.only=prod-approved/DEATH_AFTER/9} (any part may be {@code *}) runs only the
   * matching injections, to debug one.
   */
  private static boolean selected(CrashScenario scenario, Fuse.Mode mode, int point) {
    String only = System.getProperty("crash.only", "");
    if (only.isBlank()) {
      return true;
    }
    String[] parts = (only + "/*/*").split("/");
    return matches(parts[0], scenario.name())
        && matches(parts[1], mode.name())
        && matches(parts[2], Integer.toString(point));
  }

  private static boolean matches(String wanted, String value) {
    return wanted.equals("*") || wanted.equalsIgnoreCase(value);
  }

  private static String numbered(List<String> writes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      out.add((i + 1) + "=" + writes.get(i));
    }
    return String.join(", ", out);
  }

  /** The counts, then the failures grouped by scenario, mode and kind of problem. */
  private static String report(List<String> summary, int total, List<Failure> failures) {
    StringBuilder out = new StringBuilder();
    out.append("crash injection: ")
        .append(String.join("; ", summary))
        .append("; total ")
        .append(total)
        .append(" injection points, ")
        .append(failures.size())
        .append(" failed\n");
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (Failure f : failures) {
      for (CrashRun.Problem p : f.problems()) {
        grouped
            .computeIfAbsent(
                f.scenario().name() + " " + f.mode() + " — " + p.kind(), k -> new ArrayList<>())
            .add("#" + f.point() + " " + f.write() + ": " + p.detail());
      }
    }
    grouped.forEach(
        (group, lines) ->
            out.append("  ")
                .append(group)
                .append(" (")
                .append(lines.size())
                .append(")\n")
                .append(lines.stream().map(l -> "    " + l).collect(Collectors.joining("\n")))
                .append('\n'));
    return out.toString();
  }

  /** Every failure with the chat as it was left, for the file. */
  private static String details(List<Failure> failures) {
    return failures.stream()
        .map(
            f ->
                f.scenario().name()
                    + " "
                    + f.mode()
                    + " #"
                    + f.point()
                    + " ("
                    + f.write()
                    + ")\n  "
                    + f.problems().stream()
                        .map(CrashRun.Problem::toString)
                        .collect(Collectors.joining("\n  "))
                    + "\n  chat:\n    "
                    + String.join("\n    ", f.transcript()))
        .collect(Collectors.joining("\n\n"));
  }
}
