package dev.deckhand.commands.kinds.sql;

import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.exec.ExecRequest;
import dev.deckhand.commands.exec.ExecResult;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.sql.Psql;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How {@code /sql} and {@code /sql-migrate} reach psql: in the database's pod (stored as the fields
 * {@code podKind} and {@code pod}), through the cluster's exec, on the engine's workers. Stateless
 * and thread-safe.
 */
final class PsqlRunner {
  private final Cluster cluster;
  private final Rollouts rollouts;

  PsqlRunner(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  /** Runs a blocking call (psql, the ledger) on the engine's workers. */
  <T> CompletableFuture<T> blocking(Supplier<T> call) {
    return rollouts.blocking(call);
  }

  /**
   * Runs psql in {@code pod} of the target's namespace, in the target's container.
   *
   * @param db the database psql connects to
   * @param user the role psql connects as
   * @param statement the statement it runs with {@code -c}, or null to read {@code stdin}
   * @throws ClusterException when the pod cannot be reached
   */
  ExecResult psql(
      Target target,
      PodSelector pod,
      String db,
      String user,
      String statement,
      byte[] stdin,
      Duration timeout) {
    return cluster.exec(
        target,
        new ExecRequest(pod, target.container(), Psql.argv(db, user, statement), stdin, timeout));
  }

  /**
   * The stored fields of where psql runs: the catalog's database, the pod, and how psql connects.
   */
  static void write(
      String database, PodSelector pod, String db, String user, Map<String, String> fields) {
    fields.put("database", database);
    fields.put("podKind", pod.kind().word());
    fields.put("pod", pod.name());
    fields.put("db", db);
    fields.put("user", user);
  }

  /** The pod, from its stored fields. */
  static PodSelector pod(Map<String, String> fields) {
    return new PodSelector(
        PodSelector.Kind.valueOf(fields.get("podKind").toUpperCase(Locale.ROOT)),
        fields.get("pod"));
  }
}
