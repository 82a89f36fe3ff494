package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditLog} on the {@code audit} table. An append takes a transaction-scoped advisory lock
 * (so appenders in any number of processes on the same database queue up), reads the newest row,
 * and inserts the next one chained to it. The advisory lock needs no table privilege, so the bot's
 * role may be denied UPDATE and DELETE on {@code audit}.
 */
final class JdbcAuditLog implements AuditLog {

  /** The advisory lock key pair (classid "deck", objid 1) that serialises audit appends. */
  static final int LOCK_CLASS = 0x6465636b;

  static final int LOCK_AUDIT = 1;

  private final Jdbc jdbc;

  JdbcAuditLog(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void append(
      Actor actor,
      String action,
      String service,
      String environment,
      long operationId,
      String detail) {
    Objects.requireNonNull(action, "action");
    jdbc.transaction(
        "while appending audit event " + action,
        connection -> {
          append(connection, actor, action, service, environment, operationId, detail);
          return null;
        });
  }

  /** Appends the next chained row within the caller's transaction (and its advisory lock). */
  static void append(
      Connection connection,
      Actor actor,
      String action,
      String service,
      String environment,
      long operationId,
      String detail)
      throws SQLException {
    lock(connection);
    long prevSeq = 0;
    String prevHash = AuditHash.GENESIS;
    try (Statement query = connection.createStatement();
        ResultSet last =
            query.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
      if (last.next()) {
        prevSeq = last.getLong("seq");
        prevHash = last.getString("hash");
      }
    }
    AuditRow row =
        AuditRow.chained(
            prevSeq + 1,
            now(connection),
            actor,
            Columns.storable(action),
            Columns.storable(Columns.orEmpty(service)),
            Columns.storable(Columns.orEmpty(environment)),
            operationId == 0 ? null : operationId,
            Columns.storable(Columns.orEmpty(detail)),
            prevHash);
    try (PreparedStatement insert = connection.prepareStatement(AuditRow.INSERT)) {
      row.bind(insert);
      insert.executeUpdate();
    }
  }

  @Override
  public List<Event> recent(String service, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String where = service == null ? "" : " WHERE service = ?";
    return jdbc.read(
        "while reading the audit trail" + (service == null ? "" : " of " + service),
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT "
                      + AuditRow.COLUMNS
                      + " FROM audit"
                      + where
                      + " ORDER BY seq DESC LIMIT ?")) {
            int index = 1;
            if (service != null) {
              query.setString(index++, service);
            }
            query.setInt(index, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                events.add(AuditRow.read(rows).toEvent());
              }
            }
            return events;
          }
        });
  }

  private static void lock(Connection connection) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, LOCK_CLASS);
      lock.setInt(2, LOCK_AUDIT);
      try (ResultSet ignored = lock.executeQuery()) {
        // pg_advisory_xact_lock returns void; holding the lock until commit is the point.
      }
    }
  }

  /** The database's clock, so that rows from several bot replicas share one time source. */
  private static Instant now(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet now = query.executeQuery("SELECT clock_timestamp()")) {
      now.next();
      return Columns.micros(Columns.instant(now, "clock_timestamp"));
    }
  }
}
