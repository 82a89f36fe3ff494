package dev.deckhand.bot.logging;

/**
 * Escapes the characters that could make one log message look like several, or repaint a terminal:
 * CR and LF ({@code \r}, {@code \n}), tab ({@code \t}), every other C0 control, DEL, the C1
 * controls and the Unicode line and paragraph separators ({@code \}{@code u001b} for ESC). Text
 * from chat (commands, reasons, names) reaches the log inside messages and exception messages; a
 * newline in it must not forge a line. Pure.
 */
final class ControlCharacters {
  private ControlCharacters() {}

  /** The text with every control character written as an escape; null stays null. */
  static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = firstControl(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
