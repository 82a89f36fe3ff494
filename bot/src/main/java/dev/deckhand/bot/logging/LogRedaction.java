package dev.deckhand.bot.logging;

import dev.deckhand.commands.chat.Redactor;

/**
 * The redactor the log's converters use. Logback creates converters itself, by class name, before
 * the catalog is read, so they cannot be handed one: this holder is the one piece of static mutable
 * state in the bot, set once the catalog's secrets are known. Until then token shapes are masked.
 */
public final class LogRedaction {
  private static volatile Redactor current = Redactor.SHAPES_ONLY;

  private LogRedaction() {}

  /** From now on the log masks what {@code redactor} knows. */
  public static void install(Redactor redactor) {
    current = redactor;
  }

  static Redactor current() {
    return current;
  }
}
