package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code environments:} name → {@code {cluster, protected, auto-rollback, channels}}; the cluster
 * must be declared under {@code clusters:}.
 */
final class EnvironmentSection {
  private final Collection<String> clusters;

  private EnvironmentSection(Collection<String> clusters) {
    this.clusters = clusters;
  }

  static Declared<EnvironmentSpec> parse(YamlNode node, Collection<String> clusters) {
    return Sections.named(node, "environment", new EnvironmentSection(clusters)::environment);
  }

  private Optional<EnvironmentSpec> environment(String name, YamlNode node) {
    Optional<YamlMap> found = node.map("cluster", "protected", "auto-rollback", "channels");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> cluster =
        map.requiredText("cluster")
            .filter(
                c -> References.check(map.get("cluster").orElseThrow(), "cluster", c, clusters));
    boolean isProtected = map.bool("protected", false);
    boolean autoRollback = map.bool("auto-rollback", true);
    List<String> channels = map.texts("channels");
    map.get("channels").ifPresent(n -> noSpaces(n, channels));
    return cluster.map(c -> new EnvironmentSpec(name, c, isProtected, autoRollback, channels));
  }

  private static void noSpaces(YamlNode node, List<String> channels) {
    for (String channel : channels) {
      if (channel.chars().anyMatch(Character::isWhitespace)) {
        node.problem(
            YamlNode.quote(channel) + " is not a channel: write #name or the channel's id");
      }
    }
  }
}
