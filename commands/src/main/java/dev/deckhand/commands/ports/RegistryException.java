package dev.deckhand.commands.ports;

/** The registry could not be read; the message is safe and useful to show users. */
public class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
