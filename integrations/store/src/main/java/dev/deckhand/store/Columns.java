package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Conversions between column values and the model's types, shared by the JDBC adapters. */
final class Columns {

  private Columns() {}

  /**
   * PostgreSQL keeps microseconds; truncating here (rather than letting the driver round) makes a
   * value read back equal to the value written, which the audit hash depends on.
   */
  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
  }

  static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Binds an actor to three consecutive parameters; a null actor binds three nulls. */
  static void setActor(PreparedStatement statement, int firstIndex, Actor actor)
      throws SQLException {
    if (actor == null) {
      for (int i = 0; i < 3; i++) {
        statement.setNull(firstIndex + i, Types.VARCHAR);
      }
      return;
    }
    statement.setString(firstIndex, actor.platform());
    statement.setString(firstIndex + 1, actor.id());
    statement.setString(firstIndex + 2, actor.displayName());
  }

  /** Reads {@code <prefix>_platform}, {@code _id}, {@code _name}; null when the row has none. */
  static Actor actor(ResultSet rows, String prefix) throws SQLException {
    String platform = rows.getString(prefix + "_platform");
    if (platform == null) {
      return null;
    }
    return new Actor(platform, rows.getString(prefix + "_id"), rows.getString(prefix + "_name"));
  }

  /** Reads an actor as {@link #actor}, with its person from {@code <prefix>_person}. */
  static Actor person(ResultSet rows, String prefix) throws SQLException {
    Actor actor = actor(rows, prefix);
    String person = rows.getString(prefix + "_person");
    return actor == null || person == null ? actor : actor.withPerson(person);
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * Free text from chat as PostgreSQL can store it: {@code text} refuses the NUL character, so it
   * becomes U+FFFD instead of failing the write. Null stays null.
   */
  static String storable(String value) {
    return value == null ? null : value.replace('\0', '\uFFFD');
  }
}
