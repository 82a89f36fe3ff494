package dev.deckhand.commands.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code promotion:} the chain of zones an image moves through ({@code [dev, staging, prod]}): the
 * exact digest running and verified in one zone is what {@code /promote} deploys to the next, never
 * a rebuild. Immutable.
 *
 * @param chain environment names, in promotion order (empty: no promotion)
 * @param soak how long a digest must have run verified in the previous zone before it may move on
 *     ({@link Duration#ZERO}: at once)
 * @param zoneTags the registry tag moved to the promoted digest in each zone ({@code prod:
 *     production}), by environment; zones without one move no tag
 */
public record PromotionSpec(List<String> chain, Duration soak, Map<String, String> zoneTags) {
  /** No {@code promotion:} in the catalog. */
  public static final PromotionSpec NONE = new PromotionSpec(List.of(), Duration.ZERO, Map.of());

  public PromotionSpec {
    chain = List.copyOf(chain);
    Objects.requireNonNull(soak, "soak");
    zoneTags = Map.copyOf(zoneTags);
  }

  /** The zone before {@code environment} in the chain; empty when it is first or not in it. */
  public Optional<String> before(String environment) {
    int at = chain.indexOf(environment);
    return at <= 0 ? Optional.empty() : Optional.of(chain.get(at - 1));
  }

  /** The tag moved in {@code environment}, if any. */
  public Optional<String> zoneTag(String environment) {
    return Optional.ofNullable(zoneTags.get(environment));
  }
}
