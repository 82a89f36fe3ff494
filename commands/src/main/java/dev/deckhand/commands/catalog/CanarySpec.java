package dev.deckhand.commands.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's {@code canary:} section: the Kubernetes Service its stable pods are behind, how the
 * traffic is split (a Traefik {@code IngressRoute} or a Gateway API {@code HTTPRoute} with weighted
 * backends, or the ratio of replicas when neither is named), the traffic steps with a hold at each,
 * and the metric gates judged during the holds.
 *
 * @param service the Service the route sends the stable share to (and the canary copy is made of)
 * @param route the weighted route, empty for the replica-ratio fallback
 * @param steps the canary's traffic percentages, rising, the last 100 (all traffic: promotion)
 * @param hold how long each step below 100 holds before the next
 * @param gates what is judged during a hold; empty for none (the holds only wait)
 */
public record CanarySpec(
    String service,
    Optional<Route> route,
    List<Integer> steps,
    Duration hold,
    Optional<Gates> gates) {
  public static final List<Integer> DEFAULT_STEPS = List.of(5, 25, 50, 100);
  public static final Duration DEFAULT_HOLD = Duration.ofMinutes(2);

  public CanarySpec {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(gates, "gates");
    steps = List.copyOf(steps);
    if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
      throw new IllegalArgumentException("canary steps must end at 100");
    }
    for (int i = 0; i < steps.size(); i++) {
      int s = steps.get(i);
      if (s < 1 || s > 100 || (i > 0 && s <= steps.get(i - 1))) {
        throw new IllegalArgumentException("canary steps must rise from 1 to 100: " + steps);
      }
    }
    if (hold.isNegative()) {
      throw new IllegalArgumentException("a hold cannot be negative");
    }
  }

  /** The steps below 100: each sets the canary's share and holds; 100 is the promotion. */
  public List<Integer> partial() {
    return steps.subList(0, steps.size() - 1);
  }

  /** The kind of object that splits the traffic. */
  public enum RouteKind {
    /** Traefik's {@code traefik.io/v1alpha1 IngressRoute}: weighted {@code services}. */
    INGRESS_ROUTE("ingress-route", "IngressRoute"),
    /**
     * Gateway API's {@code gateway.networking.k8s.io/v1 HTTPRoute}: weighted {@code backendRefs}.
     */
    HTTP_ROUTE("http-route", "HTTPRoute");

    private final String word;
    private final String kind;

    RouteKind(String word, String kind) {
      this.word = word;
      this.kind = kind;
    }

    /** As written in the catalog ({@code ingress-route}). */
    public String word() {
      return word;
    }

    /** The Kubernetes kind ({@code IngressRoute}). */
    public String kind() {
      return kind;
    }

    public static Optional<RouteKind> of(String word) {
      for (RouteKind k : values()) {
        if (k.word.equals(word)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** The object whose weights move: its kind and name, in the target's namespace. */
  public record Route(RouteKind kind, String name) {
    public Route {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return kind.kind() + " " + name;
    }
  }

  /**
   * The metric gates: every {@code interval} during a hold, the canary's request count, error rate
   * and p99 latency are queried; once it served {@code minRequests}, its error rate and latency are
   * compared with the stable version's; {@code failures} breaches in a row abort the canary.
   *
   * @param interval how often the gates are judged
   * @param failures breaches in a row that abort
   * @param window the range of the rates ({@code [1m]})
   * @param minRequests requests the canary must have served in the window before it is judged
   * @param maxErrorRateIncrease how far the canary's error ratio may exceed the stable one's (0.01
   *     = one percentage point)
   * @param maxLatencyIncrease how far the canary's p99 latency may exceed the stable one's
   * @param queries the PromQL templates
   */
  public record Gates(
      Duration interval,
      int failures,
      Duration window,
      long minRequests,
      double maxErrorRateIncrease,
      Duration maxLatencyIncrease,
      Queries queries) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_FAILURES = 2;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final long DEFAULT_MIN_REQUESTS = 50;
    public static final double DEFAULT_ERROR_RATE = 0.01;
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(200);

    public Gates {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(maxLatencyIncrease, "maxLatencyIncrease");
      Objects.requireNonNull(queries, "queries");
      if (interval.isZero() || interval.isNegative() || failures < 1 || minRequests < 0) {
        throw new IllegalArgumentException("gates need a positive interval and failures");
      }
    }

    /** The longest a breach can last before the abort: {@code interval × failures}. */
    public Duration detection() {
      return interval.multipliedBy(failures);
    }
  }

  /**
   * The PromQL templates of the gates; each may use {@code {namespace}}, {@code {deployment}} (the
   * canary's or the stable one's) and {@code {window}}. One series each (aggregate them).
   */
  public record Queries(String requests, String errorRate, String latency) {
    private static final String POD = "pod=~\"{deployment}-[a-z0-9]+-[a-z0-9]+\"";
    private static final String SELECT = "namespace=\"{namespace}\"," + POD;

    /** Requests, 5xx ratio and p99 latency (seconds) from the usual HTTP server metrics. */
    public static final Queries DEFAULT =
        new Queries(
            "sum(increase(http_requests_total{" + SELECT + "}[{window}]))",
            "sum(rate(http_requests_total{"
                + SELECT
                + ",code=~\"5..\"}[{window}])) / sum(rate(http_requests_total{"
                + SELECT
                + "}[{window}]))",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{"
                + SELECT
                + "}[{window}])))");

    public Queries {
      Objects.requireNonNull(requests, "requests");
      Objects.requireNonNull(errorRate, "errorRate");
      Objects.requireNonNull(latency, "latency");
    }

    /** A template with its placeholders filled. */
    public static String render(
        String template, String namespace, String deployment, Duration window) {
      return template
          .replace("{namespace}", namespace)
          .replace("{deployment}", deployment)
          .replace("{window}", promDuration(window));
    }

    /** A duration as PromQL writes it ({@code 90s}, {@code 1m}, {@code 2h}). */
    static String promDuration(Duration d) {
      long s = d.toSeconds();
      if (s % 3600 == 0 && s > 0) {
        return s / 3600 + "h";
      }
      if (s % 60 == 0 && s > 0) {
        return s / 60 + "m";
      }
      return s + "s";
    }
  }
}
