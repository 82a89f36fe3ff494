package dev.deckhand.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the {@code rel="next"} target in RFC 8288 {@code Link} header values such as {@code
 * </v2/app/tags/list?last=b&n=2>; rel="next"}. Several links may share one value, separated by
 * commas; the target is returned as written (relative or absolute). Pure.
 */
final class LinkHeader {
  private LinkHeader() {}

  static Optional<String> next(List<String> values) {
    for (String value : values) {
      int i = 0;
      while (true) {
        int open = value.indexOf('<', i);
        int close = open < 0 ? -1 : value.indexOf('>', open);
        if (close < 0) {
          break;
        }
        int end = endOfParams(value, close + 1);
        if (relIsNext(value.substring(close + 1, end))) {
          return Optional.of(value.substring(open + 1, close).trim());
        }
        i = end;
      }
    }
    return Optional.empty();
  }

  /** Index of the comma ending this link's parameters (outside quotes), or the end. */
  private static int endOfParams(String value, int from) {
    boolean quoted = false;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return i;
      }
    }
    return value.length();
  }

  private static boolean relIsNext(String params) {
    for (String param : params.split(";")) {
      int eq = param.indexOf('=');
      if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String rel = param.substring(eq + 1).trim().replace("\"", "");
      for (String r : rel.split("\\s+")) {
        if (r.toLowerCase(Locale.ROOT).equals("next")) {
          return true;
        }
      }
    }
    return false;
  }
}
