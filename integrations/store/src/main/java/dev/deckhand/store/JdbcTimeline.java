package dev.deckhand.store;

import dev.deckhand.commands.ports.Timeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link Timeline} on the {@code timeline} table. Entries are inserted, never changed. */
final class JdbcTimeline implements Timeline {

  private final Jdbc jdbc;

  JdbcTimeline(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void record(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(entry.kind(), "kind");
    Objects.requireNonNull(entry.service(), "service");
    Objects.requireNonNull(entry.environment(), "environment");
    Objects.requireNonNull(entry.newImage(), "newImage");
    Objects.requireNonNull(entry.duration(), "duration");
    Objects.requireNonNull(entry.result(), "result");
    Objects.requireNonNull(entry.at(), "at");
    jdbc.transaction(
        "while recording " + entry.kind() + " of operation " + entry.operationId(),
        connection -> {
          insert(connection, entry);
          return null;
        });
  }

  /** Inserts the entry within the caller's transaction. */
  static void insert(Connection connection, Entry entry) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO timeline (operation_id, kind, actor_platform, actor_id,"
                + " actor_name, service, environment, old_image, new_image, duration_ms,"
                + " result, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, entry.operationId());
      insert.setString(2, entry.kind());
      Columns.setActor(insert, 3, entry.actor());
      insert.setString(6, entry.service());
      insert.setString(7, entry.environment());
      insert.setString(8, entry.oldImage());
      insert.setString(9, entry.newImage());
      insert.setLong(10, entry.duration().toMillis());
      insert.setString(11, entry.result());
      Columns.setInstant(insert, 12, entry.at());
      insert.executeUpdate();
    }
  }

  @Override
  public List<Entry> recent(String service, String environment, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.read(
        "while reading the timeline of " + service + " in " + environment,
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT * FROM timeline WHERE service = ? AND environment = ?"
                      + " ORDER BY at DESC, id DESC LIMIT ?")) {
            query.setString(1, service);
            query.setString(2, environment);
            query.setInt(3, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                entries.add(
                    new Entry(
                        rows.getLong("operation_id"),
                        rows.getString("kind"),
                        Columns.actor(rows, "actor"),
                        rows.getString("service"),
                        rows.getString("environment"),
                        rows.getString("old_image"),
                        rows.getString("new_image"),
                        Duration.ofMillis(rows.getLong("duration_ms")),
                        rows.getString("result"),
                        Columns.instant(rows, "at")));
              }
            }
            return entries;
          }
        });
  }
}
