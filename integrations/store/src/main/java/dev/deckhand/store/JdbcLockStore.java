package dev.deckhand.store;

import dev.deckhand.commands.ports.LockStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LockStore} on the {@code service_lock} table, whose primary key (service, environment)
 * makes {@link #acquire} atomic across processes: the insert either creates the row or, when
 * another transaction holds or is inserting it, waits for that one and does nothing.
 */
final class JdbcLockStore implements LockStore {

  private static final String COLUMNS =
      "service, environment, owner_platform, owner_id, owner_name, reason, operation_id,"
          + " instance, since";

  /** A holder can release between our insert and our read; try again a few times. */
  private static final int ATTEMPTS = 5;

  private final Jdbc jdbc;

  JdbcLockStore(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  /** A null {@code since} takes the database's clock. */
  @Override
  public Optional<Lock> acquire(Lock lock) {
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(lock.service(), "service");
    Objects.requireNonNull(lock.environment(), "environment");
    String context = "while locking " + lock.service() + " in " + lock.environment();
    return jdbc.transaction(
        context,
        connection -> {
          for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (insert(connection, lock)) {
              return Optional.empty();
            }
            Optional<Lock> holder = holder(connection, lock.service(), lock.environment());
            if (holder.isPresent()) {
              return holder;
            }
          }
          throw new StoreException(
              context + ": the lock changed hands " + ATTEMPTS + " times in a row; try again");
        });
  }

  @Override
  public Optional<Lock> holder(String service, String environment) {
    return jdbc.read(
        "while reading the lock of " + service + " in " + environment,
        connection -> holder(connection, service, environment));
  }

  @Override
  public boolean release(String service, String environment, long operationId) {
    return delete(
        "while releasing the lock of "
            + service
            + " in "
            + environment
            + " held by operation "
            + operationId,
        " AND operation_id = ?",
        service,
        environment,
        operationId);
  }

  @Override
  public boolean forceRelease(String service, String environment) {
    return delete(
        "while force-releasing the lock of " + service + " in " + environment,
        "",
        service,
        environment,
        null);
  }

  /** One conditional DELETE: the row goes only if owner, operation and since are still shown's. */
  @Override
  public boolean releaseIfUnchanged(Lock shown) {
    Objects.requireNonNull(shown, "shown");
    Objects.requireNonNull(shown.since(), "since");
    return jdbc.transaction(
        "while lifting the lock of " + shown.service() + " in " + shown.environment(),
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM service_lock WHERE service = ? AND environment = ?"
                      + " AND operation_id = ? AND since = ?"
                      + " AND owner_platform IS NOT DISTINCT FROM ?"
                      + " AND owner_id IS NOT DISTINCT FROM ?")) {
            delete.setString(1, shown.service());
            delete.setString(2, shown.environment());
            delete.setLong(3, shown.operationId());
            Columns.setInstant(delete, 4, shown.since());
            delete.setString(5, shown.owner() == null ? null : shown.owner().platform());
            delete.setString(6, shown.owner() == null ? null : shown.owner().id());
            return delete.executeUpdate() > 0;
          }
        });
  }

  /** Does nothing when the operation does not hold the lock (someone else's stays theirs). */
  @Override
  public void keep(String service, String environment, long operationId, String reason) {
    jdbc.transaction(
        "while keeping the lock of "
            + service
            + " in "
            + environment
            + " after operation "
            + operationId,
        connection -> {
          keep(connection, service, environment, operationId, reason);
          return null;
        });
  }

  /** {@link #keep} within the caller's transaction. */
  static void keep(
      Connection connection, String service, String environment, long operationId, String reason)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE service_lock SET operation_id = 0, reason = ?"
                + " WHERE service = ? AND environment = ? AND operation_id = ?")) {
      update.setString(1, Columns.storable(Columns.orEmpty(reason)));
      update.setString(2, service);
      update.setString(3, environment);
      update.setLong(4, operationId);
      update.executeUpdate();
    }
  }

  /** Releases the operation's lock within the caller's transaction; true if it held one. */
  static boolean release(
      Connection connection, String service, String environment, long operationId)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM service_lock WHERE service = ? AND environment = ? AND operation_id = ?")) {
      delete.setString(1, service);
      delete.setString(2, environment);
      delete.setLong(3, operationId);
      return delete.executeUpdate() > 0;
    }
  }

  /** Every lock, by service and environment. */
  @Override
  public List<Lock> all() {
    return jdbc.read(
        "while listing locks",
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM service_lock ORDER BY service, environment")) {
            List<Lock> locks = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                locks.add(read(rows));
              }
            }
            return locks;
          }
        });
  }

  private static boolean insert(Connection connection, Lock lock) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO service_lock ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, clock_timestamp()))"
                + " ON CONFLICT (service, environment) DO NOTHING")) {
      insert.setString(1, lock.service());
      insert.setString(2, lock.environment());
      Columns.setActor(insert, 3, lock.owner());
      insert.setString(6, Columns.storable(Columns.orEmpty(lock.reason())));
      insert.setLong(7, lock.operationId());
      insert.setString(8, Columns.orEmpty(lock.instance()));
      if (lock.since() == null) {
        insert.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        Columns.setInstant(insert, 9, lock.since());
      }
      return insert.executeUpdate() == 1;
    }
  }

  private static Optional<Lock> holder(Connection connection, String service, String environment)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM service_lock WHERE service = ? AND environment = ?")) {
      query.setString(1, service);
      query.setString(2, environment);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  private boolean delete(
      String context, String condition, String service, String environment, Long operationId) {
    return jdbc.transaction(
        context,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM service_lock WHERE service = ? AND environment = ?" + condition)) {
            delete.setString(1, service);
            delete.setString(2, environment);
            if (operationId != null) {
              delete.setLong(3, operationId);
            }
            return delete.executeUpdate() > 0;
          }
        });
  }

  private static Lock read(ResultSet rows) throws SQLException {
    return new Lock(
        rows.getString("service"),
        rows.getString("environment"),
        Columns.actor(rows, "owner"),
        rows.getString("reason"),
        rows.getLong("operation_id"),
        rows.getString("instance"),
        Columns.instant(rows, "since"));
  }
}
