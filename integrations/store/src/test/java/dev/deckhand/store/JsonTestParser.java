package dev.deckhand.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict parser for one flat JSON object (string, integer and null members), enough to check the
 * exporter's lines without a JSON library. Throws on anything it does not understand.
 */
final class JsonTestParser {

  private final String text;
  private int at;

  private JsonTestParser(String text) {
    this.text = text;
  }

  static Map<String, Object> parseObject(String text) {
    JsonTestParser parser = new JsonTestParser(text);
    Map<String, Object> members = parser.object();
    if (parser.at != text.length()) {
      throw parser.error("trailing characters");
    }
    return members;
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    if (peek() == '}') {
      at++;
      return members;
    }
    do {
      String name = string();
      expect(':');
      if (members.put(name, value()) != null) {
        throw error("duplicate member " + name);
      }
    } while (consume(','));
    expect('}');
    return members;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    int start = at;
    if (c == '-') {
      at++;
    }
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    if (start == at) {
      throw error("value expected");
    }
    return Long.parseLong(text.substring(start, at));
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw error("raw control character");
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> value.append(escape);
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'u' -> {
          value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("bad escape \\" + escape);
      }
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private boolean consume(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at " + at + " in " + text);
  }
}
