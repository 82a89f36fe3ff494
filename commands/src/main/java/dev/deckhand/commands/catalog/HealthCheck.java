package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Target;
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
 * @param template the URL as written in the catalog, its placeholders not expanded (see {@link
 *     UrlTemplate}); the URL itself when it was not written with placeholders
 */
public record HealthCheck(
    URI url,
    int expectStatus,
    Duration timeout,
    int attempts,
    Map<String, String> expectJson,
    int consecutive,
    Duration maxLatency,
    String template) {
  public HealthCheck {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(template, "template");
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

  /** A check whose URL was written as it is, without placeholders. */
  public HealthCheck(
      URI url,
      int expectStatus,
      Duration timeout,
      int attempts,
      Map<String, String> expectJson,
      int consecutive,
      Duration maxLatency) {
    this(url, expectStatus, timeout, attempts, expectJson, consecutive, maxLatency, url.toString());
  }

  /** True when its URL as written uses {@code {placeholder}}. */
  public boolean names(String placeholder) {
    return UrlTemplate.names(template, placeholder);
  }

  /**
   * The same check with its URL expanded again for another target, e.g. the idle colour of a
   * blue-green deploy; {@code service} is the value of {@code {service}}.
   *
   * @throws IllegalArgumentException when the expanded URL is not a URI
   */
  public HealthCheck at(String environment, Target target, String service) {
    URI expanded =
        URI.create(UrlTemplate.expand(template, UrlTemplate.values(environment, target, service)));
    return new HealthCheck(
        expanded, expectStatus, timeout, attempts, expectJson, consecutive, maxLatency, template);
  }

  /** A check that one pass satisfies, with no latency bound. */
  public HealthCheck(
      URI url, int expectStatus, Duration timeout, int attempts, Map<String, String> expectJson) {
    this(url, expectStatus, timeout, attempts, expectJson, 1, null);
  }
}
