package dev.deckhand.commands.kinds.canary;

import dev.deckhand.commands.catalog.CanarySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a canary deploy needs to run or resume, stored with it (version 1): the planned steps, hold
 * and gates are kept, so a resume judges by the rules that were approved even if the catalog
 * changed meanwhile.
 *
 * @param image the pinned image the canary runs and the stable deployment gets at the promotion
 * @param beforeImage the image the stable deployment ran when planned
 * @param replicas the stable deployment's replicas when planned
 * @param canaryLabels the labels the canary's pods get on top of the stable ones (and its
 *     Deployment's selector): the track, and with a route one selector key of the Service changed,
 *     so that the stable Service does not select them
 * @param spec the section as planned
 */
public record CanaryParams(
    String image,
    String beforeImage,
    int replicas,
    Map<String, String> canaryLabels,
    CanarySpec spec) {

  public CanaryParams {
    canaryLabels = Map.copyOf(canaryLabels);
  }

  /** True when a route splits the traffic; false for the replica-ratio fallback. */
  public boolean routed() {
    return spec.route().isPresent();
  }

  Map<String, String> write() {
    Map<String, String> m = new HashMap<>();
    m.put("image", image);
    m.put("beforeImage", beforeImage);
    m.put("replicas", Integer.toString(replicas));
    m.put("canaryLabels", labels(canaryLabels));
    m.put("kubeService", spec.service());
    spec.route()
        .ifPresent(
            r -> {
              m.put("routeKind", r.kind().word());
              m.put("routeName", r.name());
            });
    m.put("steps", spec.steps().stream().map(String::valueOf).collect(Collectors.joining(",")));
    m.put("hold", spec.hold().toString());
    spec.gates()
        .ifPresent(
            g -> {
              m.put("gateInterval", g.interval().toString());
              m.put("gateFailures", Integer.toString(g.failures()));
              m.put("gateWindow", g.window().toString());
              m.put("gateMinRequests", Long.toString(g.minRequests()));
              m.put("gateErrorRate", Double.toString(g.maxErrorRateIncrease()));
              m.put("gateLatency", g.maxLatencyIncrease().toString());
              m.put("queryRequests", g.queries().requests());
              m.put("queryErrorRate", g.queries().errorRate());
              m.put("queryLatency", g.queries().latency());
            });
    return m;
  }

  static CanaryParams read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("canary parameters of version " + version);
    }
    Optional<CanarySpec.Route> route =
        m.containsKey("routeKind")
            ? Optional.of(
                new CanarySpec.Route(
                    CanarySpec.RouteKind.of(m.get("routeKind")).orElseThrow(), m.get("routeName")))
            : Optional.empty();
    Optional<CanarySpec.Gates> gates =
        m.containsKey("gateInterval")
            ? Optional.of(
                new CanarySpec.Gates(
                    Duration.parse(m.get("gateInterval")),
                    Integer.parseInt(m.get("gateFailures")),
                    Duration.parse(m.get("gateWindow")),
                    Long.parseLong(m.get("gateMinRequests")),
                    Double.parseDouble(m.get("gateErrorRate")),
                    Duration.parse(m.get("gateLatency")),
                    new CanarySpec.Queries(
                        m.get("queryRequests"), m.get("queryErrorRate"), m.get("queryLatency"))))
            : Optional.empty();
    List<Integer> steps = Arrays.stream(m.get("steps").split(",")).map(Integer::valueOf).toList();
    return new CanaryParams(
        m.get("image"),
        m.get("beforeImage"),
        Integer.parseInt(m.get("replicas")),
        labels(m.get("canaryLabels")),
        new CanarySpec(m.get("kubeService"), route, steps, Duration.parse(m.get("hold")), gates));
  }

  /** {@code k=v,k=v} in key order (label keys and values hold neither ',' nor '='). */
  static String labels(Map<String, String> labels) {
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> m = new TreeMap<>();
    for (String pair : text.split(",")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return m;
  }
}
