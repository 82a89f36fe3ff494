package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ClusterSpec;
import java.util.Optional;

/** {@code clusters:} name → {@code {context, kubeconfig}} or {@code {in-cluster: true}}. */
final class ClusterSection {
  private ClusterSection() {}

  static Declared<ClusterSpec> parse(YamlNode node) {
    return Sections.named(node, "cluster", ClusterSection::cluster);
  }

  private static Optional<ClusterSpec> cluster(String name, YamlNode node) {
    Optional<YamlMap> found = node.map("context", "kubeconfig", "in-cluster");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    boolean inCluster = map.bool("in-cluster", false);
    if (inCluster) {
      if (map.get("context").isPresent() || map.get("kubeconfig").isPresent()) {
        map.get("in-cluster")
            .orElseThrow()
            .problem(
                "in-cluster: true uses the bot's own service account;"
                    + " remove context and kubeconfig, or set in-cluster: false");
        return Optional.empty();
      }
      return Optional.of(new ClusterSpec(name, null, null, true));
    }
    Optional<String> context =
        map.required("context", "; name a kubeconfig context, or set in-cluster: true")
            .flatMap(YamlNode::text);
    Optional<String> kubeconfig = map.text("kubeconfig");
    return context.map(c -> new ClusterSpec(name, kubeconfig.orElse(null), c, false));
  }
}
