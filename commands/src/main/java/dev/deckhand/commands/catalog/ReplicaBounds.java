package dev.deckhand.commands.catalog;

import dev.deckhand.commands.parse.UsageException;

/**
 * How far {@code /scale} may take a service: {@code replicas: {min, max}} in the catalog.
 *
 * @param min the fewest replicas allowed (0 allows scaling to zero, which is destructive)
 * @param max the most replicas allowed
 */
public record ReplicaBounds(int min, int max) {
  /** Without bounds in the catalog: anything from 0 to 50. */
  public static final ReplicaBounds DEFAULT = new ReplicaBounds(0, 50);

  public ReplicaBounds {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("replicas need 0 <= min <= max, got " + min + ".." + max);
    }
  }

  /** Refuses a count outside the bounds, saying which counts are allowed. */
  public void require(String service, int replicas) {
    if (replicas < min || replicas > max) {
      throw new UsageException(
          service + " may run " + min + " to " + max + " replicas, not " + replicas,
          "give a count from " + min + " to " + max + " (replicas: in the catalog sets the range)");
    }
  }
}
