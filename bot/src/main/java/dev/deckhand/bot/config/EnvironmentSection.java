package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ApprovalPolicy;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.FreezeWindow;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code environments:} name → {@code {cluster, protected, auto-rollback, channels, approvals,
 * freezes, lock-after-rollback, zone}}; the cluster must be declared under {@code clusters:}, the
 * approvers' role under {@code roles:}. {@code zone} (default: the first freeze window's, else UTC)
 * is the zone of the times shown to users and of freeze windows that name none.
 */
final class EnvironmentSection {
  private final Collection<String> clusters;
  private final Collection<String> roles;

  private EnvironmentSection(Collection<String> clusters, Collection<String> roles) {
    this.clusters = clusters;
    this.roles = roles;
  }

  /**
   * @param roles the role names the file declares (read before the roles themselves, whose grants
   *     name environments)
   */
  static Declared<EnvironmentSpec> parse(
      YamlNode node, Collection<String> clusters, Collection<String> roles) {
    return Sections.named(
        node, "environment", new EnvironmentSection(clusters, roles)::environment);
  }

  private Optional<EnvironmentSpec> environment(String name, YamlNode node) {
    Optional<YamlMap> found =
        node.map(
            "cluster",
            "protected",
            "auto-rollback",
            "channels",
            "approvals",
            "freezes",
            "lock-after-rollback",
            "zone");
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
    ApprovalPolicy approvals =
        map.get("approvals")
            .map(n -> ApprovalSection.parse(n, isProtected, roles))
            .orElse(ApprovalSection.absent(isProtected));
    Optional<ZoneId> zone = map.get("zone").flatMap(FreezeSection::zone);
    List<FreezeWindow> freezes =
        map.get("freezes")
            .map(n -> FreezeSection.parse(n, zone.orElse(FreezeSection.DEFAULT_ZONE)))
            .orElse(List.of());
    boolean lockAfterRollback = map.bool("lock-after-rollback", isProtected);
    return cluster.map(
        c ->
            new EnvironmentSpec(
                name,
                c,
                isProtected,
                autoRollback,
                channels,
                approvals,
                freezes,
                lockAfterRollback,
                zone.orElse(EnvironmentSpec.defaultZone(freezes))));
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
