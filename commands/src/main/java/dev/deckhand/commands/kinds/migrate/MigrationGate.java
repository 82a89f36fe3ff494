package dev.deckhand.commands.kinds.migrate;

import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.engine.Migrations;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The migration gate as a step of any kind ({@code /deploy}, {@code /migrate}): the Job runs with
 * the new image, and only when it completed does the kind carry on. A failed Job stops the
 * operation at this step, so nothing after it runs and nothing is rolled back (nothing changed).
 * Resuming re-attaches to the Job already started: its name is the operation's, and starting it
 * again finds it.
 */
public final class MigrationGate {
  public static final Step MIGRATE = Step.of("migrate", Step.Resume.REATTACH);

  /** What the plan and the approval request say about every migration. */
  public static final String NO_REVERT = "rolling the code back will not revert the schema";

  private static final String COMMAND = "migrateCommand";
  private static final String TIMEOUT = "migrateTimeoutSeconds";

  private final Migrations migrations;

  public MigrationGate(Migrations migrations) {
    this.migrations = migrations;
  }

  /** The step as planned: what runs, how long it may take, and that a rollback keeps the schema. */
  public static StepRecord pending(MigrationJob job, String tag) {
    return MIGRATE.pending(
        "run migration Job `"
            + job.commandLine()
            + "` with "
            + tag
            + " (up to "
            + words(job.timeout())
            + "); "
            + NO_REVERT);
  }

  /**
   * Runs the Job for {@code image}; true when it completed. A failed Job has its reason and log
   * tail posted and the operation stopped at {@link #MIGRATE}.
   */
  public CompletableFuture<Boolean> run(
      OperationRun run, Target target, String image, MigrationJob job) {
    JobRequest request =
        new JobRequest(
            JobRequest.nameFor(target.deployment(), run.id()),
            run.id(),
            image,
            job.command(),
            job.timeout());
    return migrations
        .run(run, MIGRATE, target, request)
        .thenApply(
            state -> {
              if (state.phase() == JobState.Phase.COMPLETE) {
                return true;
              }
              run.stop(
                  MIGRATE,
                  "Job "
                      + request.name()
                      + " failed ("
                      + Migrations.reason(state)
                      + "); nothing else was changed");
              return false;
            });
  }

  /** The stored fields of a migration (none without one). */
  public static Map<String, String> write(MigrationJob job) {
    Map<String, String> fields = new HashMap<>();
    if (job != null) {
      fields.put(COMMAND, String.join("\n", job.command()));
      fields.put(TIMEOUT, Long.toString(job.timeout().toSeconds()));
    }
    return fields;
  }

  /** The migration stored with {@link #write}, or null. */
  public static MigrationJob read(Map<String, String> fields) {
    String command = fields.get(COMMAND);
    if (command == null || command.isEmpty()) {
      return null;
    }
    return new MigrationJob(
        Arrays.asList(command.split("\n", -1)),
        Duration.ofSeconds(Long.parseLong(fields.getOrDefault(TIMEOUT, "1800"))));
  }

  /** Its part of a plan hash: empty without a migration, so older plans hash as before. */
  public static String canonical(MigrationJob job) {
    return job == null
        ? ""
        : "\nmigrate " + String.join("\u001f", job.command()) + " " + job.timeout().toSeconds();
  }

  /** What changed about the migration between two plans, if anything. */
  public static Optional<String> difference(MigrationJob before, MigrationJob now) {
    if (java.util.Objects.equals(before, now)) {
      return Optional.empty();
    }
    if (now == null) {
      return Optional.of("the service no longer declares a migration");
    }
    return Optional.of("the migration is now `" + now.commandLine() + "`");
  }

  private static String words(Duration d) {
    long minutes = d.toMinutes();
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }
}
