package dev.deckhand.bot.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The metrics source canary gates query ({@code prometheus:}), its token already resolved from its
 * secret reference.
 *
 * @param url the server's base URL, http(s), possibly naming the cluster as {@code {cluster}}
 * @param timeout how long one query may take
 * @param token the bearer token, when the server wants one
 */
public record PrometheusSettings(String url, Duration timeout, Optional<String> token) {
  /** The timeout when {@code timeout:} is absent. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public PrometheusSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(token, "token");
  }

  /** Leaves the token out. */
  @Override
  public String toString() {
    return "PrometheusSettings[url=" + url + ", timeout=" + timeout + "]";
  }
}
