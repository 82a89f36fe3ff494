package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ReplicaBounds;
import java.util.Optional;

/**
 * A service's {@code replicas: {min, max}}: how far {@code /scale} may take it. Both are whole
 * numbers from 0 up; an absent one keeps its default ({@link ReplicaBounds#DEFAULT}); min must not
 * exceed max.
 */
final class ReplicasSection {
  /** The most replicas a catalog may allow, a guard against a typo such as 5000. */
  static final int MOST = 10_000;

  private ReplicasSection() {}

  /**
   * @return the bounds, the default when {@code replicas:} is absent or empty, empty when it is
   *     wrong (reported)
   */
  static Optional<ReplicaBounds> parse(Optional<YamlNode> node) {
    if (node.isEmpty() || node.get().isNull()) {
      return Optional.of(ReplicaBounds.DEFAULT);
    }
    Optional<YamlMap> found = node.get().map("min", "max");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<Integer> min = bound(map, "min", ReplicaBounds.DEFAULT.min());
    Optional<Integer> max = bound(map, "max", ReplicaBounds.DEFAULT.max());
    if (min.isEmpty() || max.isEmpty()) {
      return Optional.empty();
    }
    if (min.get() > max.get()) {
      YamlNode at = map.get("min").or(() -> map.get("max")).orElseThrow();
      at.problem(
          "min "
              + min.get()
              + " is more than max "
              + max.get()
              + "; write e.g. {min: "
              + Math.min(min.get(), max.get())
              + ", max: "
              + Math.max(min.get(), max.get())
              + "}"
              + (map.get("max").isEmpty() ? " (max is " + max.get() + " when not given)" : ""));
      return Optional.empty();
    }
    return Optional.of(new ReplicaBounds(min.get(), max.get()));
  }

  private static Optional<Integer> bound(YamlMap map, String key, int absent) {
    Optional<YamlNode> node = map.get(key);
    if (node.isEmpty() || node.get().isNull()) {
      return Optional.of(absent);
    }
    return node.get().integer(0, MOST);
  }
}
