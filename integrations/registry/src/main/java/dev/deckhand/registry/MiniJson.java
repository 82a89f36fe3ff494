package dev.deckhand.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the few small documents the registry API returns (tag lists, token
 * responses, error bodies): objects become {@link Map}, arrays {@link List}, numbers {@link
 * BigDecimal}, plus {@link String}, {@link Boolean} and {@code null}. Strict, depth-limited, pure;
 * throws {@link IllegalArgumentException} on malformed input.
 */
final class MiniJson {
  private static final int MAX_DEPTH = 32;

  private final String s;
  private int pos;

  private MiniJson(String s) {
    this.s = s;
  }

  static Object parse(String json) {
    MiniJson p = new MiniJson(json);
    Object value = p.value(0);
    p.skipSpaces();
    if (p.pos != json.length()) {
      throw p.error("trailing characters");
    }
    return value;
  }

  /** The top-level object of {@code json}, or an exception if it is not an object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    if (parse(json) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException("not a JSON object");
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    skipSpaces();
    char c = pos < s.length() ? s.charAt(pos) : 0;
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    if (consume('}')) {
      return map;
    }
    do {
      skipSpaces();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("expected a key");
      }
      String key = string();
      expect(':');
      map.put(key, value(depth + 1));
    } while (consume(','));
    expect('}');
    return map;
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    pos++;
    if (consume(']')) {
      return list;
    }
    do {
      list.add(value(depth + 1));
    } while (consume(','));
    expect(']');
    return list;
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = pos < s.length() ? s.charAt(pos++) : 0;
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> throw error("bad escape");
      }
    }
    throw error("unterminated string");
  }

  private char unicodeEscape() {
    if (pos + 4 > s.length()) {
      throw error("bad unicode escape");
    }
    try {
      char c = (char) Integer.parseInt(s.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("bad unicode escape");
    }
  }

  private BigDecimal number() {
    int start = pos;
    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    try {
      return new BigDecimal(s.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("unexpected character");
    }
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, pos)) {
      throw error("unexpected character");
    }
    pos += word.length();
    return value;
  }

  private boolean consume(char c) {
    skipSpaces();
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!consume(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private void skipSpaces() {
    while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
  }
}
