package dev.deckhand.commands.kinds.canary;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a canary's share of the traffic is set and said: the weights of the route's rule (stable
 * Service and the canary's own), or, without a route, the canary's share of the pods behind the
 * stable Service. Blocking (the route is read and written on the API server).
 */
final class Traffic {
  private final Cluster cluster;

  Traffic(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The canary's pods at {@code weight}: its share of the traffic with a route, else of pods. */
  static int replicas(CanaryParams p, int weight) {
    int n = Math.max(1, p.replicas());
    if (p.routed()) {
      return Math.max(1, (int) Math.ceil(n * weight / 100.0));
    }
    return Math.min(n, Math.max(1, (int) Math.round(n * weight / (100.0 - weight))));
  }

  /** What step {@code traffic-<weight>} will do, for the plan. */
  static String title(CanaryParams p, int weight) {
    int pods = replicas(p, weight);
    if (p.routed()) {
      return "send "
          + weight
          + " % of the traffic to the canary ("
          + pods
          + (pods == 1 ? " pod)" : " pods)");
    }
    return "scale the canary to "
        + pods
        + (pods == 1 ? " pod" : " pods")
        + " beside "
        + p.replicas()
        + " ("
        + byPods(p, pods)
        + " of the traffic, by its share of the pods)";
  }

  /** {@code ≈ 25 %}: the share of {@code pods} canary pods beside the stable ones. */
  private static String byPods(CanaryParams p, int pods) {
    return "≈ " + Math.round(100.0 * pods / (pods + p.replicas())) + " %";
  }

  /** Where the traffic goes now, for the preflight; checks that the route can be split. */
  String now(Target stable, CanaryParams p) {
    if (!p.routed()) {
      return "no route: the traffic is split by the share of pods";
    }
    return route(p) + " sends to " + shares(stable, p);
  }

  /** Sets the weights for {@code weight} (nothing to set without a route); says where they are. */
  String set(Target stable, CanaryParams p, int weight) {
    if (!p.routed()) {
      int pods = replicas(p, weight);
      return pods
          + (pods == 1 ? " canary pod" : " canary pods")
          + " beside "
          + p.replicas()
          + ": "
          + byPods(p, pods)
          + " of the traffic";
    }
    write(stable, p, weight);
    return weight + " % on the canary (" + route(p) + ": " + shares(stable, p) + ")";
  }

  /** After the promotion: the canary's backend removed, all traffic on the stable Service. */
  void back(Target stable, CanaryParams p) {
    if (p.routed()) {
      write(stable, p, -1);
    }
  }

  /** At an abort: the canary's weight to 0 if it has a backend; says what was done, if anything. */
  List<String> toZero(Target stable, CanaryParams p) {
    if (!p.routed()) {
      return List.of();
    }
    String canary = CanaryKind.canaryService(p.spec());
    if (!weights(stable, p).containsKey(canary)) {
      return List.of("the canary had no traffic");
    }
    write(stable, p, 0);
    return List.of("the canary at 0 % (" + route(p) + ": " + shares(stable, p) + ")");
  }

  private void write(Target stable, CanaryParams p, int weight) {
    cluster.setRouteWeights(
        stable, route(p), p.spec().service(), CanaryKind.canaryService(p.spec()), weight);
  }

  private Map<String, Integer> weights(Target stable, CanaryParams p) {
    return cluster.routeWeights(
        stable, route(p), p.spec().service(), CanaryKind.canaryService(p.spec()));
  }

  private static CanarySpec.Route route(CanaryParams p) {
    return p.spec().route().orElseThrow();
  }

  /** The backends' shares of the traffic: {@code web 95 %, web-canary 5 %}. */
  private String shares(Target stable, CanaryParams p) {
    Map<String, Integer> weights = weights(stable, p);
    int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
    List<String> parts = new ArrayList<>();
    weights.forEach(
        (name, w) -> parts.add(name + " " + (sum == 0 ? 0 : Math.round(100.0 * w / sum)) + " %"));
    return String.join(", ", parts);
  }
}
