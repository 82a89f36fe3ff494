package dev.deckhand.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header, e.g. {@code Bearer
 * realm="https://auth.example/token",service="registry.example",scope="repository:app:pull"}.
 * Parameter names are lower case; quoted values are unescaped. Pure.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

  AuthChallenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equalsIgnoreCase("Bearer");
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** The first Bearer challenge among all header values, if any. */
  static Optional<AuthChallenge> bearer(List<String> headerValues) {
    return headerValues.stream()
        .flatMap(v -> parse(v).stream())
        .filter(AuthChallenge::isBearer)
        .findFirst();
  }

  /** Every challenge in one header value; tolerant of junk, never throws. */
  static List<AuthChallenge> parse(String value) {
    List<AuthChallenge> result = new ArrayList<>();
    Cursor c = new Cursor(value);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (c.skipSeparators()) {
      String token = c.token();
      if (token.isEmpty()) {
        c.pos++; // a stray character: skip it
      } else if (scheme != null && c.skipSpaces() && c.peek() == '=') {
        c.pos++;
        c.skipSpaces();
        params.put(token.toLowerCase(Locale.ROOT), c.peek() == '"' ? c.quoted() : c.token());
      } else {
        if (scheme != null) {
          result.add(new AuthChallenge(scheme, params));
          params = new LinkedHashMap<>();
        }
        scheme = token;
      }
    }
    if (scheme != null) {
      result.add(new AuthChallenge(scheme, params));
    }
    return result;
  }

  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : 0;
    }

    /** Skips spaces and commas; false at the end. */
    boolean skipSeparators() {
      while (pos < s.length() && (s.charAt(pos) == ',' || Character.isWhitespace(s.charAt(pos)))) {
        pos++;
      }
      return pos < s.length();
    }

    /** Skips spaces; always true, for use in conditions. */
    boolean skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
      return true;
    }

    String token() {
      int start = pos;
      while (pos < s.length() && "=,\" \t".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String quoted() {
      StringBuilder out = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length() && s.charAt(pos) != '"') {
        if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
          pos++;
        }
        out.append(s.charAt(pos++));
      }
      pos++; // closing quote
      return out.toString();
    }
  }
}
