package dev.deckhand.commands.kinds.sql;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Sql;
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
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.sql.Psql;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /sql}: runs one statement with {@code psql -c} in the database's pod and posts what it
 * answered (bounded). Always destructive: any statement may change or delete data, so it needs
 * approval in a protected environment. Running it twice could do it twice, so its one step is
 * {@link Step.Resume#ONCE}: interrupted, the operation stops and says so.
 */
public final class SqlKind implements OperationKind<Sql, SqlKind.Params> {
  public static final Step SQL = Step.of("sql", Step.Resume.ONCE);

  public static final Registration REGISTRATION = new Registration(Sql.SPEC, SqlKind::new);

  /** The longest a statement may run. */
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  /**
   * @param database the catalog's database name
   * @param statement the statement, verbatim
   * @param pod the pod it runs in
   * @param db the database psql connects to
   * @param user the role psql connects as
   */
  public record Params(
      String database, String statement, PodSelector pod, String db, String user) {}

  private final PsqlRunner psql;

  public SqlKind(Tools tools) {
    this.psql = new PsqlRunner(tools);
  }

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public Class<Sql> command() {
    return Sql.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    Map<String, String> m = new HashMap<>();
    m.put("statement", p.statement());
    PsqlRunner.write(p.database(), p.pod(), p.db(), p.user(), m);
    return m;
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("sql parameters of version " + version);
    }
    return new Params(
        m.get("database"), m.get("statement"), PsqlRunner.pod(m), m.get("db"), m.get("user"));
  }

  @Override
  public List<Step> steps() {
    return List.of(SQL);
  }

  @Override
  public Proposal<Params> propose(Sql s) {
    PodSelector pod = s.database().location(s.environment().name()).orElseThrow().pod();
    Params params =
        new Params(
            s.database().name(), s.statement(), pod, s.database().database(), s.database().user());
    return Proposal.of(
        "sql on " + s.database().name(),
        params,
        List.of(
            new StepRecord(
                SQL.name(),
                "run one statement in database "
                    + params.db()
                    + " as "
                    + params.user()
                    + " (psql in "
                    + pod
                    + ")",
                StepState.PENDING,
                block(params.statement()))));
  }

  /**
   * The statement in a code block, verbatim ({@code ```SELECT 1```}: one line when the statement
   * is, which Slack and Discord show as a block and a console as it is).
   */
  static String block(String statement) {
    return "```" + statement + "```";
  }

  @Override
  public Params replan(Plan<Params> planned) {
    return planned.params();
  }

  @Override
  public String canonical(Params p) {
    return p.database() + "\n" + p.pod() + "\n" + p.db() + "\n" + p.user() + "\n" + p.statement();
  }

  @Override
  public String difference(Params before, Params now) {
    return "the database moved to " + now.pod();
  }

  @Override
  public boolean destructive(Params p) {
    return true;
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    String what = "sql: " + oneLine(plan.params().statement());
    return new Change(what, end == OperationState.SUCCEEDED ? what + " (ran)" : what + " (failed)");
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(SQL)) {
      throw new IllegalArgumentException("a /sql does not run from " + from.name());
    }
    Params p = plan.params();
    String shown = block(p.statement());
    run.step(SQL, StepState.RUNNING, shown);
    return psql.blocking(
        () -> {
          ExecResult result;
          try {
            result =
                psql.psql(
                    plan.target(), p.pod(), p.db(), p.user(), p.statement(), new byte[0], TIMEOUT);
          } catch (ClusterException e) {
            run.step(SQL, StepState.FAILED, shown + " — " + e.getMessage());
            return OperationState.FAILED;
          }
          if (!result.succeeded()) {
            String errors = Psql.errors(result.stderr());
            run.step(
                SQL,
                StepState.FAILED,
                shown + " — psql exited with " + result.exitCode() + ": " + errors);
            run.detail(
                new Reply.Listing(
                    "psql failed (exit code " + result.exitCode() + ")",
                    List.of(errors.isEmpty() ? "(no error output)" : errors)));
            return OperationState.FAILED;
          }
          List<String> rows = Psql.bounded(result.stdout());
          run.step(
              SQL,
              StepState.DONE,
              shown + " — " + (rows.isEmpty() ? "done, no rows returned" : footer(rows)));
          if (!rows.isEmpty()) {
            run.detail(new Reply.Listing("Result of op " + run.id(), rows));
          }
          return OperationState.SUCCEEDED;
        });
  }

  private static String footer(List<String> rows) {
    String last = rows.get(rows.size() - 1);
    return last.startsWith("(") ? last + ", posted below" : "result posted below";
  }

  private static String oneLine(String statement) {
    String s = statement.replaceAll("\\s+", " ");
    return s.length() > 120 ? s.substring(0, 120) + " …" : s;
  }
}
