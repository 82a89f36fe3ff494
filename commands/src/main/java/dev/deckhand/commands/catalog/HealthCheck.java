package dev.deckhand.commands.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP health check run after a rollout: GET {@code url}, expect {@code expectStatus}, and
 * optionally that JSON fields of the body (the first of that name) have the given values ({@code
 * "*"} means the field must merely be present).
 */
public record HealthCheck(
    URI url, int expectStatus, Duration timeout, int attempts, Map<String, String> expectJson) {
  public HealthCheck {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    expectJson = Map.copyOf(expectJson);
  }
}
