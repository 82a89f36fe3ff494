package dev.deckhand.commands.command;

import dev.deckhand.commands.parse.UsageException;

/** Operation ids as typed: {@code 12} or {@code op12}. */
final class OpIds {
  private OpIds() {}

  static long parse(String text, String command) {
    String digits = text.toLowerCase(java.util.Locale.ROOT).replaceFirst("^(op)?#?", "");
    try {
      long id = Long.parseLong(digits);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new UsageException(
        "'" + text + "' is not an operation id",
        "give the number from the message, e.g. /" + command + " 12");
  }
}
