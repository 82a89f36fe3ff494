package dev.deckhand.commands.ports;

/** A metrics query that could not be answered; the message is fit for users. */
public final class MetricsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetricsException(String message) {
    super(message);
  }

  public MetricsException(String message, Throwable cause) {
    super(message, cause);
  }
}
