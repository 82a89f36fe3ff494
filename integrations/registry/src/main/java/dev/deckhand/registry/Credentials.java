package dev.deckhand.registry;

import java.util.Objects;

/**
 * A username and a password or access token for HTTP basic authentication to a registry or its
 * token service. {@link #toString()} never shows the secret.
 */
public record Credentials(String username, String secret) {
  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    if (username.isBlank() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("registry username must be non-blank and without ':'");
    }
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", secret=***]";
  }
}
