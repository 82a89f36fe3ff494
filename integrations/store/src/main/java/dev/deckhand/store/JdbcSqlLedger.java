package dev.deckhand.store;

import dev.deckhand.commands.ports.SqlLedger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SqlLedger} on the {@code sql_migration} table: one row per applied file, keyed by
 * database, environment and file name. Recording is an insert that does nothing when the same file
 * with the same hash is there; another hash is refused.
 */
final class JdbcSqlLedger implements SqlLedger {
  private final Jdbc jdbc;

  JdbcSqlLedger(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public Map<String, Applied> applied(String database, String environment) {
    return jdbc.read(
        "while reading the SQL migrations of " + database + " in " + environment,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT file, sha256, operation_id, applied_at FROM sql_migration"
                      + " WHERE database = ? AND environment = ? ORDER BY applied_at, file")) {
            select.setString(1, database);
            select.setString(2, environment);
            Map<String, Applied> out = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.put(
                    rows.getString("file"),
                    new Applied(
                        rows.getString("file"),
                        rows.getString("sha256"),
                        rows.getLong("operation_id"),
                        Columns.instant(rows, "applied_at")));
              }
            }
            return out;
          }
        });
  }

  @Override
  public void record(
      String database, String environment, String file, String sha256, long operationId) {
    String other =
        jdbc.transaction(
            "while recording SQL migration " + file + " of " + database + " in " + environment,
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO sql_migration"
                          + " (database, environment, file, sha256, operation_id, applied_at)"
                          + " VALUES (?, ?, ?, ?, ?, clock_timestamp())"
                          + " ON CONFLICT (database, environment, file) DO NOTHING")) {
                insert.setString(1, database);
                insert.setString(2, environment);
                insert.setString(3, file);
                insert.setString(4, sha256);
                insert.setLong(5, operationId);
                if (insert.executeUpdate() == 1) {
                  return null;
                }
              }
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT sha256 FROM sql_migration"
                          + " WHERE database = ? AND environment = ? AND file = ?")) {
                select.setString(1, database);
                select.setString(2, environment);
                select.setString(3, file);
                try (ResultSet rows = select.executeQuery()) {
                  rows.next();
                  String stored = rows.getString(1);
                  return stored.equals(sha256) ? null : stored;
                }
              }
            });
    if (other != null) {
      throw new IllegalStateException(
          file
              + " of "
              + database
              + " in "
              + environment
              + " is already recorded with another content (sha256 "
              + other
              + ")");
    }
  }
}
