package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.CanarySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's {@code canary:} section: {@code service} (the Kubernetes Service of the stable pods),
 * {@code route: { ingress-route | http-route: <name> }} (absent: the replica-ratio fallback),
 * {@code steps} (5, 25, 50, 100 by default), {@code hold} (2m) and {@code gates} (absent: the holds
 * only wait).
 */
final class CanarySection {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private CanarySection() {}

  /** The {@code canary:} section, if present and valid. */
  static Optional<CanarySpec> parse(Optional<YamlNode> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlMap> found = node.get().map("service", "route", "steps", "hold", "gates");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> service = map.requiredText("service").filter(s -> name(map, "service", s));
    boolean ok = service.isPresent();
    Optional<CanarySpec.Route> route = Optional.empty();
    if (map.get("route").isPresent()) {
      route = route(map.get("route").get());
      ok &= route.isPresent();
    }
    List<Integer> steps = CanarySpec.DEFAULT_STEPS;
    if (map.get("steps").isPresent()) {
      Optional<List<Integer>> parsed = steps(map.get("steps").get());
      ok &= parsed.isPresent();
      steps = parsed.orElse(steps);
    }
    Duration hold = CanarySpec.DEFAULT_HOLD;
    if (map.get("hold").isPresent()) {
      Optional<Duration> d = map.get("hold").get().duration();
      ok &= d.isPresent();
      hold = d.orElse(hold);
    }
    Optional<CanarySpec.Gates> gates = Optional.empty();
    if (map.get("gates").isPresent()) {
      gates = gates(map.get("gates").get());
      ok &= gates.isPresent();
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new CanarySpec(service.get(), route, steps, hold, gates));
  }

  private static boolean name(YamlMap map, String key, String value) {
    if (NAME.matcher(value).matches()) {
      return true;
    }
    map.get(key)
        .orElseThrow()
        .problem("expected the name of a Kubernetes object (lower case, digits, '-', '.')");
    return false;
  }

  private static Optional<CanarySpec.Route> route(YamlNode node) {
    Optional<YamlMap> found = node.map("ingress-route", "http-route");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    List<String> keys =
        map.entries().keySet().stream()
            .filter(k -> CanarySpec.RouteKind.of(k).isPresent())
            .toList();
    if (node.keysQuietly().size() != keys.size()) {
      return Optional.empty(); // an unknown key, reported with the keys allowed
    }
    if (keys.size() != 1) {
      node.problem(
          "name one route: { ingress-route: <Traefik IngressRoute> } or { http-route: <Gateway API"
              + " HTTPRoute> }; leave route out to split by replicas");
      return Optional.empty();
    }
    String key = keys.get(0);
    return map.requiredText(key)
        .filter(n -> name(map, key, n))
        .map(n -> new CanarySpec.Route(CanarySpec.RouteKind.of(key).orElseThrow(), n));
  }

  private static Optional<List<Integer>> steps(YamlNode node) {
    Optional<List<YamlNode>> items = node.list();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> steps = new ArrayList<>();
    for (YamlNode item : items.get()) {
      Optional<Integer> step = item.integer(1, 100);
      if (step.isEmpty()) {
        return Optional.empty();
      }
      if (!steps.isEmpty() && step.get() <= steps.get(steps.size() - 1)) {
        item.problem(
            "steps must rise: " + step.get() + " comes after " + steps.get(steps.size() - 1));
        return Optional.empty();
      }
      steps.add(step.get());
    }
    if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
      node.problem("the last step must be 100 (the promotion), e.g. [5, 25, 50, 100]");
      return Optional.empty();
    }
    return Optional.of(steps);
  }

  private static Optional<CanarySpec.Gates> gates(YamlNode node) {
    Optional<YamlMap> found =
        node.map(
            "interval",
            "failures",
            "window",
            "min-requests",
            "error-rate",
            "p99-latency",
            "queries");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    boolean ok = true;
    Duration interval = duration(map, "interval", CanarySpec.Gates.DEFAULT_INTERVAL);
    Duration window = duration(map, "window", CanarySpec.Gates.DEFAULT_WINDOW);
    Duration latency = duration(map, "p99-latency", CanarySpec.Gates.DEFAULT_LATENCY);
    ok &= interval != null && window != null && latency != null;
    int failures = CanarySpec.Gates.DEFAULT_FAILURES;
    if (map.get("failures").isPresent()) {
      Optional<Integer> n = map.get("failures").get().integer(1, 100);
      ok &= n.isPresent();
      failures = n.orElse(failures);
    }
    long minRequests = CanarySpec.Gates.DEFAULT_MIN_REQUESTS;
    if (map.get("min-requests").isPresent()) {
      Optional<Integer> n = map.get("min-requests").get().integer(0, Integer.MAX_VALUE);
      ok &= n.isPresent();
      minRequests = n.orElse((int) minRequests);
    }
    double errorRate = CanarySpec.Gates.DEFAULT_ERROR_RATE;
    if (map.get("error-rate").isPresent()) {
      Optional<Double> rate = ratio(map.get("error-rate").get());
      ok &= rate.isPresent();
      errorRate = rate.orElse(errorRate);
    }
    CanarySpec.Queries queries = CanarySpec.Queries.DEFAULT;
    if (map.get("queries").isPresent()) {
      Optional<CanarySpec.Queries> q = queries(map.get("queries").get());
      ok &= q.isPresent();
      queries = q.orElse(queries);
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new CanarySpec.Gates(interval, failures, window, minRequests, errorRate, latency, queries));
  }

  /** The duration under {@code key}, {@code absent} when missing, null when wrong. */
  private static Duration duration(YamlMap map, String key, Duration absent) {
    Optional<YamlNode> node = map.get(key);
    if (node.isEmpty()) {
      return absent;
    }
    return node.get().duration().orElse(null);
  }

  /** {@code 1%}, {@code 0.5%} or {@code 0.01}: how far the canary's error ratio may exceed. */
  private static Optional<Double> ratio(YamlNode node) {
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get().strip();
    try {
      double value =
          t.endsWith("%")
              ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
              : Double.parseDouble(t);
      if (value >= 0 && value <= 1 && Double.isFinite(value)) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    node.problem(
        "expected how far the canary's error ratio may exceed the stable one's, e.g. 1% or 0.01,"
            + " got "
            + YamlNode.quote(t));
    return Optional.empty();
  }

  private static Optional<CanarySpec.Queries> queries(YamlNode node) {
    Optional<YamlMap> found = node.map("requests", "error-rate", "p99-latency");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    CanarySpec.Queries d = CanarySpec.Queries.DEFAULT;
    Optional<String> requests = query(map, "requests", d.requests());
    Optional<String> errors = query(map, "error-rate", d.errorRate());
    Optional<String> latency = query(map, "p99-latency", d.latency());
    if (requests.isEmpty() || errors.isEmpty() || latency.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CanarySpec.Queries(requests.get(), errors.get(), latency.get()));
  }

  private static Optional<String> query(YamlMap map, String key, String absent) {
    Optional<YamlNode> node = map.get(key);
    if (node.isEmpty()) {
      return Optional.of(absent);
    }
    Optional<String> text = node.get().text();
    if (text.isPresent() && !text.get().contains("{deployment}")) {
      node.get()
          .problem(
              "a gate query must select one deployment's pods with {deployment} (the canary's or"
                  + " the stable one's), e.g. pod=~\"{deployment}-[a-z0-9]+-[a-z0-9]+\"");
      return Optional.empty();
    }
    if (text.isEmpty()) {
      node.get().problem("must not be empty");
    }
    return text;
  }
}
