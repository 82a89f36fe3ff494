package dev.deckhand.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Network behaviour of the client.
 *
 * @param connectTimeout to open a connection (default 5 s)
 * @param requestTimeout for one request, from sending to the end of the answer (default 15 s)
 * @param pageSize the {@code n} asked for per page of tags (default 1000)
 * @param maxPages pages of tags followed at most before giving up (default 1000)
 * @param retryDelay pause before the single retry after a connection error or a 5xx (default 250
 *     ms)
 */
public record RegistrySettings(
    Duration connectTimeout,
    Duration requestTimeout,
    int pageSize,
    int maxPages,
    Duration retryDelay) {

  public RegistrySettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()
        || retryDelay.isNegative()) {
      throw new IllegalArgumentException("registry timeouts must be positive");
    }
    if (pageSize < 1 || maxPages < 1) {
      throw new IllegalArgumentException("registry pageSize and maxPages must be at least 1");
    }
  }

  /** 5 s connect, 15 s request, pages of 1000 tags, at most 1000 pages, 250 ms before a retry. */
  public static RegistrySettings defaults() {
    return new RegistrySettings(
        Duration.ofSeconds(5), Duration.ofSeconds(15), 1000, 1000, Duration.ofMillis(250));
  }

  /** A copy with other timeouts. */
  public RegistrySettings withTimeouts(Duration connect, Duration request) {
    return new RegistrySettings(connect, request, pageSize, maxPages, retryDelay);
  }
}
