package dev.deckhand.bot.logging;

/**
 * A value from outside (an id a request claims) made safe for one log line: cut at {@link #LIMIT}
 * characters, and its control characters escaped as {@link ControlCharacters} does for every log
 * message, so that the value cannot start a forged line even outside the log's own layout. {@code
 * null} shows as {@code (none)}.
 */
public final class Printable {
  /** How much of a value is shown. */
  public static final int LIMIT = 80;

  private Printable() {}

  public static String of(String value) {
    if (value == null) {
      return "(none)";
    }
    String cut = value.length() > LIMIT ? value.substring(0, LIMIT) : value;
    return ControlCharacters.escape(cut) + (value.length() > LIMIT ? "…" : "");
  }
}
