package dev.deckhand.commands.ports;

/** A Kubernetes operation failed; the message is safe and useful to show users. */
public class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
