package dev.deckhand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Streams the whole audit trail in seq order, without holding it in memory. */
final class AuditRows {

  /** Receives rows one by one; returns false to stop early. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(AuditRow row) throws SQLException;
  }

  private static final int FETCH_SIZE = 500;

  private final Jdbc jdbc;

  AuditRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Visits every row, oldest first, from one snapshot; returns how many rows were visited. */
  long walk(String context, Visitor visitor) {
    return jdbc.transaction(
        context,
        connection -> {
          // A cursor (fetch size inside a transaction) keeps memory flat on a long trail.
          connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          connection.setReadOnly(true);
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT " + AuditRow.COLUMNS + " FROM audit ORDER BY seq")) {
            query.setFetchSize(FETCH_SIZE);
            long visited = 0;
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                visited++;
                if (!visitor.visit(AuditRow.read(rows))) {
                  break;
                }
              }
            }
            return visited;
          }
        });
  }
}
