package dev.deckhand.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code Authorization} value for HTTP basic authentication. */
final class BasicAuth {
  private BasicAuth() {}

  static String header(Credentials credentials) {
    String pair = credentials.username() + ":" + credentials.secret();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
