package dev.deckhand.store;

/** Builds one flat JSON object: string, number and null members, in the order added. */
final class Json {

  private final StringBuilder text = new StringBuilder("{");

  Json string(String name, String value) {
    name(name);
    if (value == null) {
      text.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  Json number(String name, Long value) {
    name(name);
    text.append(value == null ? "null" : value.toString());
    return this;
  }

  @Override
  public String toString() {
    return text + "}";
  }

  private void name(String name) {
    if (text.length() > 1) {
      text.append(',');
    }
    quote(name);
    text.append(':');
  }

  /**
   * RFC 8259 string escaping. Beyond the required quote, backslash and control characters, it
   * escapes U+2028/U+2029 (line breaks to some readers) and lone surrogates, so every line stays
   * one line and survives any encoding.
   */
  private void quote(String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        case '\b' -> text.append("\\b");
        case '\f' -> text.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || loneSurrogate(value, i)) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }

  private static boolean loneSurrogate(String value, int i) {
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
