package dev.deckhand.commands.kinds.sql;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.SqlMigrate;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.exec.ExecResult;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.SqlLedger;
import dev.deckhand.commands.sql.Psql;
import dev.deckhand.commands.sql.SqlFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /sql-migrate}: applies the SQL files of a service's {@code migrate.sql.dir} that the
 * {@link SqlLedger} has not recorded for the database in this environment, in name order, each by
 * {@code psql -v ON_ERROR_STOP=1} in the database's pod with the file on stdin; records each file
 * (name and SHA-256) right after psql succeeded. A file whose content changed after it was applied
 * is refused. The first failing file stops the operation with psql's errors and is not recorded.
 *
 * <p>One {@link Step.Resume#ONCE} step applies the files: a file cut off by a restart may or may
 * not have been applied, so a resume stops the operation and says so instead of running it again.
 * The ledger makes the next {@code /sql-migrate} carry on after the last file recorded. Destructive
 * (a schema change), so it needs approval in a protected environment.
 */
public final class SqlMigrateKind implements OperationKind<SqlMigrate, SqlMigrateKind.Params> {
  public static final Step CHECK = Step.of("check-files", Step.Resume.PLANNED);
  public static final Step APPLY = Step.of("apply-sql", Step.Resume.ONCE);

  public static final Registration REGISTRATION =
      new Registration(SqlMigrate.SPEC, SqlMigrateKind::new);

  /** The longest one file may run. */
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  /**
   * @param database the catalog's database name (the ledger's key)
   * @param dir the directory of the files
   * @param files the files to apply, in order
   * @param applied how many files the ledger had when planned
   * @param pod the pod psql runs in
   * @param db the database psql connects to
   * @param user the role psql connects as
   */
  public record Params(
      String database,
      String dir,
      List<SqlFiles.File> files,
      int applied,
      PodSelector pod,
      String db,
      String user) {
    public Params {
      files = List.copyOf(files);
    }
  }

  private final PsqlRunner psql;
  private final MigrationFiles migrations;

  public SqlMigrateKind(Tools tools) {
    this.psql = new PsqlRunner(tools);
    this.migrations = new MigrationFiles(tools.sqlLedger());
  }

  @Override
  public String name() {
    return "sql-migrate";
  }

  @Override
  public Class<SqlMigrate> command() {
    return SqlMigrate.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dir", p.dir());
    m.put("files", MigrationFiles.listed(p.files()));
    m.put("applied", Integer.toString(p.applied()));
    PsqlRunner.write(p.database(), p.pod(), p.db(), p.user(), m);
    return m;
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("sql-migrate parameters of version " + version);
    }
    List<SqlFiles.File> files = new ArrayList<>();
    for (String line : m.get("files").split("\n")) {
      if (!line.isBlank()) {
        int space = line.lastIndexOf(' ');
        files.add(new SqlFiles.File(line.substring(0, space), line.substring(space + 1)));
      }
    }
    return new Params(
        m.get("database"),
        m.get("dir"),
        files,
        Integer.parseInt(m.get("applied")),
        PsqlRunner.pod(m),
        m.get("db"),
        m.get("user"));
  }

  @Override
  public List<Step> steps() {
    return List.of(CHECK, APPLY);
  }

  @Override
  public Proposal<Params> propose(SqlMigrate s) {
    Path dir = s.service().sql().orElseThrow().dir();
    String env = s.environment().name();
    MigrationFiles.Pending pending = migrations.pending(s.database().name(), env, dir);
    if (pending.files().isEmpty()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              "All "
                  + MigrationFiles.count(pending.applied())
                  + " of "
                  + dir
                  + " are applied to "
                  + s.database().name()
                  + " in "
                  + env
                  + "; nothing to do."));
    }
    Params params =
        new Params(
            s.database().name(),
            dir.toString(),
            pending.files(),
            pending.applied(),
            s.database().location(env).orElseThrow().pod(),
            s.database().database(),
            s.database().user());
    return Proposal.of(
        "sql-migrate "
            + s.service().name()
            + " ("
            + MigrationFiles.count(pending.files().size())
            + ")",
        params,
        List.of(
            CHECK.done(
                "read the files of " + dir,
                pending.applied() + " already applied, " + pending.files().size() + " to run"),
            new StepRecord(
                APPLY.name(),
                "apply "
                    + MigrationFiles.count(pending.files().size())
                    + " to database "
                    + params.db()
                    + " (psql in "
                    + params.pod()
                    + "), in this order",
                StepState.PENDING,
                MigrationFiles.names(pending.files()))));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    Params p = planned.params();
    MigrationFiles.Pending now =
        migrations.pending(p.database(), planned.environment(), Path.of(p.dir()));
    if (now.files().isEmpty()) {
      throw new UsageException(
          "every file of " + p.dir() + " was applied meanwhile", "nothing is left to migrate");
    }
    return new Params(p.database(), p.dir(), now.files(), now.applied(), p.pod(), p.db(), p.user());
  }

  @Override
  public String canonical(Params p) {
    return p.database()
        + "\n"
        + p.pod()
        + "\n"
        + p.db()
        + "\n"
        + p.user()
        + "\n"
        + MigrationFiles.listed(p.files());
  }

  @Override
  public String difference(Params before, Params now) {
    return "the files to run are now "
        + MigrationFiles.names(now.files())
        + " (were "
        + MigrationFiles.names(before.files())
        + ")";
  }

  @Override
  public boolean destructive(Params p) {
    return true;
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    Params p = plan.params();
    return new Change(
        MigrationFiles.count(p.applied()) + " applied",
        end == OperationState.SUCCEEDED
            ? MigrationFiles.count(p.applied() + p.files().size())
                + " applied ("
                + MigrationFiles.names(p.files())
                + ")"
            : "stopped; see op " + plan.summary());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(APPLY)) {
      throw new IllegalArgumentException("a /sql-migrate does not run from " + from.name());
    }
    run.step(APPLY, StepState.RUNNING, MigrationFiles.names(plan.params().files()));
    return psql.blocking(() -> apply(run, plan));
  }

  private OperationState apply(OperationRun run, Plan<Params> plan) {
    Params p = plan.params();
    String env = plan.environment();
    Path dir = Path.of(p.dir());
    List<String> done = new ArrayList<>();
    int n = 0;
    for (SqlFiles.File f : p.files()) {
      n++;
      String progress = " (" + n + " of " + p.files().size() + ")";
      SqlLedger.Applied already = migrations.applied(p.database(), env, f.name());
      if (already != null) {
        if (!already.sha256().equals(f.sha256())) {
          return fail(run, done, MigrationFiles.changed(f.name(), already).getMessage());
        }
        done.add(f.name() + " (already applied by op " + already.operationId() + ")");
        continue;
      }
      byte[] content;
      try {
        content = SqlFiles.read(dir, f.name());
      } catch (UncheckedIOException e) {
        return fail(run, done, e.getMessage());
      }
      if (!SqlFiles.sha256(content).equals(f.sha256())) {
        return fail(
            run,
            done,
            f.name() + " changed since it was planned; run /sql-migrate again to plan it anew");
      }
      run.step(APPLY, StepState.RUNNING, "running " + f.name() + progress);
      ExecResult result;
      try {
        result =
            psql.psql(
                plan.target(), p.pod(), p.db(), p.user(), null, SqlFiles.stdin(content), TIMEOUT);
      } catch (ClusterException e) {
        return fail(run, done, f.name() + ": " + e.getMessage());
      }
      if (!result.succeeded()) {
        String errors = Psql.errors(result.stderr());
        run.detail(
            new Reply.Listing(
                f.name() + " failed (psql exit code " + result.exitCode() + ")",
                Arrays.asList((errors.isEmpty() ? "(no error output)" : errors).split("\n"))));
        return fail(
            run,
            done,
            f.name()
                + " failed (psql exit code "
                + result.exitCode()
                + "): "
                + errors
                + "; it is not recorded, and the files after it did not run");
      }
      try {
        migrations.record(p.database(), env, f, run.id());
      } catch (RuntimeException e) {
        return fail(
            run,
            done,
            f.name()
                + " was applied but could not be recorded ("
                + e.getMessage()
                + "): do not run /sql-migrate again before it is recorded, or it runs twice");
      }
      done.add(f.name());
    }
    run.step(APPLY, StepState.DONE, "applied " + String.join(", ", done));
    return OperationState.SUCCEEDED;
  }

  private static OperationState fail(OperationRun run, List<String> done, String why) {
    run.step(
        APPLY,
        StepState.FAILED,
        (done.isEmpty() ? "" : "applied " + String.join(", ", done) + "; then ") + why);
    return OperationState.FAILED;
  }
}
