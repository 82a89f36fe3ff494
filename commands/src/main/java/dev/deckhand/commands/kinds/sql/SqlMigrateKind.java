package dev.deckhand.commands.kinds.sql;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.SqlMigrate;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.exec.ExecRequest;
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
import dev.deckhand.commands.ports.Cluster;
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

  private final Cluster cluster;
  private final Rollouts rollouts;
  private final SqlLedger ledger;

  public SqlMigrateKind(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.ledger = tools.sqlLedger();
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
    m.put("database", p.database());
    m.put("dir", p.dir());
    m.put(
        "files",
        String.join("\n", p.files().stream().map(f -> f.name() + " " + f.sha256()).toList()));
    m.put("applied", Integer.toString(p.applied()));
    m.put("podKind", p.pod().kind().word());
    m.put("pod", p.pod().name());
    m.put("db", p.db());
    m.put("user", p.user());
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
        SqlKind.pod(m),
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
    Pending pending = pending(s.database().name(), env, dir);
    if (pending.files().isEmpty()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              "All "
                  + files(pending.applied())
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
        "sql-migrate " + s.service().name() + " (" + files(pending.files().size()) + ")",
        params,
        List.of(
            CHECK.done(
                "read the files of " + dir,
                pending.applied() + " already applied, " + pending.files().size() + " to run"),
            new StepRecord(
                APPLY.name(),
                "apply "
                    + files(pending.files().size())
                    + " to database "
                    + params.db()
                    + " (psql in "
                    + params.pod()
                    + "), in this order",
                StepState.PENDING,
                names(pending.files()))));
  }

  private record Pending(List<SqlFiles.File> files, int applied) {}

  /** The files not applied yet; refuses a changed applied file. */
  private Pending pending(String database, String environment, Path dir) {
    List<SqlFiles.File> files;
    try {
      files = SqlFiles.list(dir);
    } catch (UncheckedIOException e) {
      throw new UsageException(
          "cannot read the SQL migrations: " + e.getMessage(),
          "check migrate.sql.dir in the catalog; it is resolved against the catalog's directory");
    }
    Map<String, SqlLedger.Applied> applied;
    try {
      applied = ledger.applied(database, environment);
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage(), "/sql-migrate needs Deckhand's store");
    }
    List<SqlFiles.File> pending = new ArrayList<>();
    int done = 0;
    for (SqlFiles.File f : files) {
      SqlLedger.Applied a = applied.get(f.name());
      if (a == null) {
        pending.add(f);
      } else if (!a.sha256().equals(f.sha256())) {
        throw changed(f.name(), a);
      } else {
        done++;
      }
    }
    return new Pending(pending, done);
  }

  private static UsageException changed(String file, SqlLedger.Applied a) {
    return new UsageException(
        file
            + " was changed after it was applied (by op "
            + a.operationId()
            + " at "
            + a.at()
            + "): an applied file runs only once, its change would never reach the database",
        "put back the file as it was applied and put the change in a new file that sorts after"
            + " the last one");
  }

  private static String names(List<SqlFiles.File> files) {
    return String.join(", ", files.stream().map(SqlFiles.File::name).toList());
  }

  private static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }

  @Override
  public Params replan(Plan<Params> planned) {
    Params p = planned.params();
    Pending now = pending(p.database(), planned.environment(), Path.of(p.dir()));
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
        + String.join("\n", p.files().stream().map(f -> f.name() + " " + f.sha256()).toList());
  }

  @Override
  public String difference(Params before, Params now) {
    return "the files to run are now "
        + names(now.files())
        + " (were "
        + names(before.files())
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
        files(p.applied()) + " applied",
        end == OperationState.SUCCEEDED
            ? files(p.applied() + p.files().size()) + " applied (" + names(p.files()) + ")"
            : "stopped; see op " + plan.summary());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(APPLY)) {
      throw new IllegalArgumentException("a /sql-migrate does not run from " + from.name());
    }
    run.step(APPLY, StepState.RUNNING, names(plan.params().files()));
    return rollouts.blocking(() -> apply(run, plan));
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
      SqlLedger.Applied already = ledger.applied(p.database(), env).get(f.name());
      if (already != null) {
        if (!already.sha256().equals(f.sha256())) {
          return fail(run, done, changed(f.name(), already).getMessage());
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
            cluster.exec(
                plan.target(),
                new ExecRequest(
                    p.pod(),
                    plan.target().container(),
                    Psql.argv(p.db(), p.user(), null),
                    SqlFiles.stdin(content),
                    TIMEOUT));
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
        ledger.record(p.database(), env, f.name(), f.sha256(), run.id());
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
