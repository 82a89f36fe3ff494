package dev.deckhand.bot.logging;

/**
 * A value from outside (an id a request claims) made safe for one log line: control characters and
 * Unicode line separators become a backslash, u and four hex digits, so that the value cannot start
 * a forged line, and it is cut at {@link #LIMIT} characters. {@code null} shows as {@code (none)}.
 */
public final class Printable {
  /** How much of a value is shown. */
  public static final int LIMIT = 80;

  private Printable() {}

  public static String of(String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && i < LIMIT; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return value.length() > LIMIT ? out.append('…').toString() : out.toString();
  }
}
