package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * One row of the {@code audit} table exactly as stored: a null actor is the system, a null
 * operation id belongs to no operation.
 */
record AuditRow(
    long seq,
    Instant at,
    Actor actor,
    String action,
    String service,
    String environment,
    Long operationId,
    String detail,
    String prevHash,
    String hash) {

  static final String COLUMNS =
      "seq, at, actor_platform, actor_id, actor_name, action, service, environment,"
          + " operation_id, detail, prev_hash, hash";

  /** A row about to be appended, its hash computed from its content and {@code prevHash}. */
  static AuditRow chained(
      long seq,
      Instant at,
      Actor actor,
      String action,
      String service,
      String environment,
      Long operationId,
      String detail,
      String prevHash) {
    AuditRow unhashed =
        new AuditRow(
            seq, at, actor, action, service, environment, operationId, detail, prevHash, null);
    return new AuditRow(
        seq,
        at,
        actor,
        action,
        service,
        environment,
        operationId,
        detail,
        prevHash,
        AuditHash.of(unhashed));
  }

  /** Reads the current row of a result set selecting {@link #COLUMNS}. */
  static AuditRow read(ResultSet rows) throws SQLException {
    return new AuditRow(
        rows.getLong("seq"),
        Columns.instant(rows, "at"),
        Columns.actor(rows, "actor"),
        rows.getString("action"),
        rows.getString("service"),
        rows.getString("environment"),
        rows.getObject("operation_id", Long.class),
        rows.getString("detail"),
        rows.getString("prev_hash"),
        rows.getString("hash"));
  }

  /** Binds the row to the 12 parameters of {@code INSERT INTO audit (COLUMNS)}. */
  void bind(PreparedStatement insert) throws SQLException {
    insert.setLong(1, seq);
    Columns.setInstant(insert, 2, at);
    Columns.setActor(insert, 3, actor);
    insert.setString(6, action);
    insert.setString(7, service);
    insert.setString(8, environment);
    if (operationId == null) {
      insert.setNull(9, Types.BIGINT);
    } else {
      insert.setLong(9, operationId);
    }
    insert.setString(10, detail);
    insert.setString(11, prevHash);
    insert.setString(12, hash);
  }

  /** The hash this row's content and prev_hash call for; differs from {@link #hash} if altered. */
  String expectedHash() {
    return AuditHash.of(this);
  }

  AuditLog.Event toEvent() {
    return new AuditLog.Event(
        seq,
        at,
        actor,
        action,
        service,
        environment,
        operationId == null ? 0 : operationId,
        detail,
        hash);
  }
}
