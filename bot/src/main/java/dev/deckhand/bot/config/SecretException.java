package dev.deckhand.bot.config;

/** A secret reference could not be resolved; the message says why without revealing a value. */
public final class SecretException extends Exception {
  private static final long serialVersionUID = 1L;

  public SecretException(String message) {
    super(message);
  }
}
