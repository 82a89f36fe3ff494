package dev.deckhand.commands.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP health check run after a rollout: GET {@code url}, expect {@code expectStatus}, and
 * optionally that JSON fields of the body have the given values ({@code "*"} means the field must
 * merely be present). A plain name is the first field of that name at any depth; a dotted path
 * ({@code checks.db.status}, {@code items.0.id}) is followed from the top.
 *
 * @param attempts tries at most, with a pause between
 * @param consecutive passes in a row it needs (a failure starts the count again); at most {@code
 *     attempts}
 * @param maxLatency an answer slower than this fails the try; null for no bound
 */
public record HealthCheck(
    URI url,
    int expectStatus,
    Duration timeout,
    int attempts,
    Map<String, String> expectJson,
    int consecutive,
    Duration maxLatency) {
  public HealthCheck {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (consecutive < 1 || consecutive > attempts) {
      throw new IllegalArgumentException(
          "consecutive must be from 1 to attempts (" + attempts + "): " + consecutive);
    }
    expectJson = Map.copyOf(expectJson);
  }

  /** A check that one pass satisfies, with no latency bound. */
  public HealthCheck(
      URI url, int expectStatus, Duration timeout, int attempts, Map<String, String> expectJson) {
    this(url, expectStatus, timeout, attempts, expectJson, 1, null);
  }
}
