package dev.deckhand.commands.kinds.bluegreen;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which colour of a blue-green service is which deployment. The Service's selector says which
 * colour is live by the key {@link #KEY}; without it, the live pods are the catalog's own
 * deployment (called "blue" in messages: the first switch goes to green). A colour's deployment is
 * {@code <deployment>-<colour>}, a copy of the live one whose pod template and selector carry the
 * colour label (a Deployment's selector cannot change, so the original never gets the label).
 */
public final class Colours {
  /** The pod-template label, and the Service selector key, naming a colour. */
  public static final String KEY = "deckhand.dev/colour";

  /** The catalog's own deployment, before any switch: it has no colour label. */
  public static final String ORIGINAL = "";

  private Colours() {}

  /** The live colour from a Service selector: {@link #ORIGINAL} when the selector has no colour. */
  public static String live(Map<String, String> selector) {
    return selector.getOrDefault(KEY, ORIGINAL);
  }

  /** The colour a deploy goes to when {@code live} has the traffic. */
  public static String idle(String live) {
    return "green".equals(live) ? "blue" : "green";
  }

  /** The target of a colour's deployment ({@link #ORIGINAL}: the catalog's own). */
  public static Target of(Target target, String colour) {
    return colour.isEmpty()
        ? target
        : new Target(
            target.cluster(),
            target.namespace(),
            target.deployment() + "-" + colour,
            target.container());
  }

  /** How a message names a colour. */
  public static String name(Target target, String colour) {
    return (colour.isEmpty() ? "blue" : colour) + " (" + of(target, colour).deployment() + ")";
  }

  /** A colour other than the live one whose deployment still runs pods. */
  public record Held(String colour, RolloutSnapshot snapshot) {}

  /**
   * The colours other than {@code live} whose deployments exist with replicas: what {@code
   * /switch-back} may go back to, and what {@code /finish} scales down. The other colour first,
   * then the original deployment.
   */
  public static List<Held> held(Cluster cluster, Target target, String live) {
    List<Held> held = new ArrayList<>();
    for (String colour : List.of("blue", "green", ORIGINAL)) {
      if (colour.equals(live)) {
        continue;
      }
      Optional<RolloutSnapshot> s = cluster.find(of(target, colour));
      s.filter(x -> x.status().specReplicas() > 0).ifPresent(x -> held.add(new Held(colour, x)));
    }
    return held;
  }

  /**
   * Refuses to change the catalog's deployment of a blue-green service whose Service sends the
   * traffic to another colour: the change would reach pods nobody is served by, and be reported as
   * done. {@code what} names the change ({@code a rolling deploy}, {@code a promotion}).
   */
  public static void refuseOffTheLiveColour(
      Cluster cluster,
      dev.deckhand.commands.catalog.ServiceSpec service,
      String env,
      Target t,
      String what) {
    if (service.blueGreenSpec().isEmpty()) {
      return;
    }
    String live = live(cluster.serviceSelector(t, service.blueGreenSpec().get().service()));
    if (!live.equals(ORIGINAL)) {
      throw new dev.deckhand.commands.parse.UsageException(
          service.name()
              + " in "
              + env
              + " sends its traffic to "
              + name(t, live)
              + "; "
              + what
              + " changes "
              + t.deployment()
              + ", which has none",
          "/deploy " + service.name() + " <tag> --strategy blue-green --env " + env + " instead");
    }
  }
}
