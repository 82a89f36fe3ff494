package dev.deckhand.prometheus;

import dev.deckhand.commands.ports.Metrics;
import dev.deckhand.commands.ports.MetricsException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * {@link Metrics} on a Prometheus server's HTTP API: {@code GET <base>/api/v1/query?query=...} (an
 * instant query at the server's current time), on the JDK's {@link HttpClient}.
 *
 * <p>The base URL may name the cluster as {@code {cluster}} (a server per cluster, {@code
 * http://prometheus.{cluster}.internal:9090}, or a path per cluster behind one proxy); each query
 * substitutes the catalog's cluster name, URL-encoded. A bearer token, when given, goes in the
 * {@code Authorization} header only and never into a message.
 *
 * <p>Thread-safe and blocking: {@link #query} waits up to the timeout for the answer and makes one
 * attempt (a 429 or 503 is reported with its Retry-After, not retried: the caller decides). It
 * follows no redirects and speaks HTTP/1.1.
 */
public final class PrometheusMetrics implements Metrics {
  /** The timeout when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static final String CLUSTER = "{cluster}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

  private final String base;
  private final Duration timeout;
  private final Optional<String> token;
  private final HttpClient http;

  /**
   * A source without a token, timing out after {@link #DEFAULT_TIMEOUT}.
   *
   * @see #PrometheusMetrics(String, Duration, Optional, Executor)
   */
  public PrometheusMetrics(String baseUrl, Executor executor) {
    this(baseUrl, DEFAULT_TIMEOUT, Optional.empty(), executor);
  }

  /**
   * A source.
   *
   * @param baseUrl the server's base URL, {@code http(s)://host[:port][/path]}, without {@code
   *     /api/v1}; {@code {cluster}} is its only allowed placeholder
   * @param timeout how long one query may take, connecting included; positive
   * @param bearerToken sent as {@code Authorization: Bearer <token>} when present
   * @param executor completes the HTTP client's futures (share the bot's small I/O executor; it
   *     must not be a thread that waits for a query)
   * @throws IllegalArgumentException if the URL is not absolute http(s) with a host, names another
   *     placeholder, or the timeout is not positive
   */
  public PrometheusMetrics(
      String baseUrl, Duration timeout, Optional<String> bearerToken, Executor executor) {
    this.base = checkedBase(baseUrl);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    this.token = Objects.requireNonNull(bearerToken, "bearerToken");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .executor(Objects.requireNonNull(executor, "executor"))
            .build();
  }

  @Override
  public String source() {
    return base;
  }

  @Override
  public OptionalDouble query(String cluster, String promql) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(promql, "promql");
    String endpoint = endpointOf(cluster);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint + "?query=" + encode(promql)))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(endpoint, "could not connect within " + seconds(timeout), e);
    } catch (HttpTimeoutException e) {
      throw new MetricsException(
          "Prometheus at "
              + endpoint
              + " did not answer within "
              + seconds(timeout)
              + "; check its load, simplify the query, or raise prometheus.timeout",
          e);
    } catch (ConnectException e) {
      throw unreachable(endpoint, "the connection was refused", e);
    } catch (IOException e) {
      throw unreachable(endpoint, "the request failed (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetricsException("the query to Prometheus at " + endpoint + " was interrupted", e);
    }
    return QueryAnswer.read(endpoint, response);
  }

  /** {@code <base with the cluster>/api/v1/query}, with no query string: safe for messages. */
  String endpointOf(String cluster) {
    String encoded = URLEncoder.encode(cluster, StandardCharsets.UTF_8).replace("+", "%20");
    return base.replace(CLUSTER, encoded) + "/api/v1/query";
  }

  private static MetricsException unreachable(String endpoint, String what, Exception cause) {
    return new MetricsException(
        "cannot reach Prometheus at "
            + endpoint
            + ": "
            + what
            + "; check prometheus.url and that the server is up",
        cause);
  }

  private static String encode(String promql) {
    return URLEncoder.encode(promql, StandardCharsets.UTF_8);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String checkedBase(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String trimmed = baseUrl.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    var other = PLACEHOLDER.matcher(trimmed.replace(CLUSTER, "")).results().findFirst();
    if (other.isPresent()) {
      throw new IllegalArgumentException(
          "the Prometheus URL may only name {cluster}, not " + other.get().group());
    }
    URI uri;
    try {
      uri = URI.create(trimmed.replace(CLUSTER, "cluster"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + trimmed, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "not an absolute http(s) URL like http://prometheus:9090: " + trimmed);
    }
    if (uri.getRawUserInfo() != null) {
      // never quote it: the user info may carry a password
      throw new IllegalArgumentException(
          "the Prometheus URL must not carry credentials; give a bearer token instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the Prometheus URL takes no query or fragment: " + trimmed);
    }
    return trimmed;
  }
}
