package dev.deckhand.commands.ports;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Sends one HTTP request for a post-deploy hook. Thread-safe, blocking up to the timeout. */
public interface WebhookClient {

  /**
   * What the other side answered.
   *
   * @param excerpt the start of the body, at most a line, for the message
   */
  record Response(int status, String excerpt) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The request could not be sent or answered (refused, timed out), with why in words. */
  final class Failure extends RuntimeException {
    public Failure(String message) {
      super(message);
    }
  }

  /** A world without webhooks: every call fails, saying so. */
  WebhookClient NONE =
      (method, url, headers, body, timeout) -> {
        throw new Failure("this Deckhand cannot call webhooks");
      };

  /**
   * Sends it.
   *
   * @throws Failure when there is no answer
   */
  Response send(String method, URI url, Map<String, String> headers, String body, Duration timeout);
}
