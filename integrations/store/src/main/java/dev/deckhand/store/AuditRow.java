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
 * operation id belongs to no operation, a null person is a row stored before people existed (or the
 * system's); see {@link AuditHash} for how each is hashed.
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
    String hash,
    String person) {

  static final String COLUMNS =
      "seq, at, actor_platform, actor_id, actor_name, action, service, environment,"
          + " operation_id, detail, prev_hash, hash, actor_person";

  /** The insert statement {@link #bind} fills. */
  static final String INSERT =
      "INSERT INTO audit (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /** A row without a person, as stored before people existed. */
  AuditRow(
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
    this(seq, at, actor, action, service, environment, operationId, detail, prevHash, hash, null);
  }

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
    String person = actor == null ? null : actor.person();
    AuditRow unhashed =
        new AuditRow(
            seq,
            at,
            actor,
            action,
            service,
            environment,
            operationId,
            detail,
            prevHash,
            null,
            person);
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
        AuditHash.of(unhashed),
        person);
  }

  /** Reads the current row of a result set selecting {@link #COLUMNS}. */
  static AuditRow read(ResultSet rows) throws SQLException {
    String person = rows.getString("actor_person");
    Actor actor = Columns.actor(rows, "actor");
    return new AuditRow(
        rows.getLong("seq"),
        Columns.instant(rows, "at"),
        actor == null || person == null ? actor : actor.withPerson(person),
        rows.getString("action"),
        rows.getString("service"),
        rows.getString("environment"),
        rows.getObject("operation_id", Long.class),
        rows.getString("detail"),
        rows.getString("prev_hash"),
        rows.getString("hash"),
        person);
  }

  /** Binds the row to the 13 parameters of {@link #INSERT}. */
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
    insert.setString(13, person);
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
