package dev.deckhand.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An operation's params as the {@code operation.params} jsonb column holds them: one flat object of
 * strings. Every string reads back exactly as written, except for what {@code jsonb} cannot hold:
 * the NUL character and unpaired UTF-16 surrogates become U+FFFD.
 */
final class OperationParams {

  private OperationParams() {}

  /** The object to bind as {@code ?::jsonb}. */
  static String toJson(Map<String, String> params) {
    Objects.requireNonNull(params, "params");
    Json json = new Json();
    params.forEach(
        (name, value) -> {
          Objects.requireNonNull(name, "a params name is null");
          Objects.requireNonNull(value, () -> "params value " + name + " is null");
          json.string(storable(name), storable(value));
        });
    return json.toString();
  }

  /**
   * Reads the rows of {@code operation LEFT JOIN LATERAL jsonb_each_text(params)} for one
   * operation: empty when there is no row (no such operation), sorted by name otherwise.
   */
  static Optional<Map<String, String>> read(ResultSet rows) throws SQLException {
    boolean found = false;
    Map<String, String> params = new TreeMap<>();
    while (rows.next()) {
      found = true;
      String name = rows.getString("key");
      if (name != null) {
        params.put(name, rows.getString("value"));
      }
    }
    return found ? Optional.of(Collections.unmodifiableMap(params)) : Optional.empty();
  }

  static String storable(String value) {
    StringBuilder text = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean bad = c == '\0' || unpaired(value, i);
      if (bad && text == null) {
        text = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (text != null) {
        text.append(bad ? '\uFFFD' : c);
      }
    }
    return text == null ? value : text.toString();
  }

  private static boolean unpaired(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
    }
    return false;
  }
}
