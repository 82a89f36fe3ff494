package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.FreezeStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link FreezeStore} on the {@code environment_freeze} table, one row per environment.
 * Thread-safe.
 */
final class JdbcFreezeStore implements FreezeStore {

  private final Jdbc jdbc;

  JdbcFreezeStore(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void freeze(String environment, Instant until, Actor by, String reason) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(until, "until");
    jdbc.transaction(
        "while freezing " + environment,
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO environment_freeze (environment, until, by_platform, by_id, by_name, reason)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (environment) DO UPDATE"
                      + " SET until = EXCLUDED.until, by_platform = EXCLUDED.by_platform,"
                      + " by_id = EXCLUDED.by_id, by_name = EXCLUDED.by_name,"
                      + " reason = EXCLUDED.reason")) {
            upsert.setString(1, environment);
            Columns.setInstant(upsert, 2, until);
            Columns.setActor(upsert, 3, by);
            upsert.setString(6, Columns.storable(Columns.orEmpty(reason)));
            upsert.executeUpdate();
          }
          return null;
        });
  }

  /** True if the environment had a freeze row, even one that had already ended. */
  @Override
  public boolean unfreeze(String environment) {
    return jdbc.transaction(
        "while unfreezing " + environment,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM environment_freeze WHERE environment = ?")) {
            delete.setString(1, environment);
            return delete.executeUpdate() > 0;
          }
        });
  }

  /** The freeze whose {@code until} is after {@code now}. */
  @Override
  public Optional<Freeze> active(String environment, Instant now) {
    Objects.requireNonNull(now, "now");
    return jdbc.read(
        "while reading the freeze of " + environment,
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT environment, until, by_platform, by_id, by_name, reason FROM environment_freeze"
                      + " WHERE environment = ? AND until > ?")) {
            query.setString(1, environment);
            Columns.setInstant(query, 2, now);
            try (ResultSet rows = query.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Freeze(
                      rows.getString("environment"),
                      Columns.instant(rows, "until"),
                      Columns.actor(rows, "by"),
                      rows.getString("reason")));
            }
          }
        });
  }
}
