package dev.deckhand.commands.ports;

/** A git ref could not be checked out; the message is safe and useful to show users. */
public class SourceException extends RuntimeException {
  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
