package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code demo: {replicas, progress-deadline, ready-delay, tags}}; the tags per service must be
 * valid image tags that fit the service's tag pattern, so every demo deploy can succeed.
 */
final class DemoSection {
  private DemoSection() {}

  static Optional<DemoSettings> parse(YamlNode node, Declared<ServiceSpec> services) {
    Optional<YamlMap> found = node.map("replicas", "progress-deadline", "ready-delay", "tags");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    int replicas = map.get("replicas").flatMap(n -> n.integer(1, 20)).orElse(3);
    Duration deadline =
        map.get("progress-deadline").flatMap(YamlNode::duration).orElse(Duration.ofSeconds(20));
    Duration readyDelay =
        map.get("ready-delay").flatMap(YamlNode::duration).orElse(Duration.ofMillis(400));
    if (readyDelay.compareTo(deadline) >= 0) {
      map.owner()
          .problem(
              "ready-delay ("
                  + readyDelay.toMillis()
                  + "ms) must be shorter than progress-deadline ("
                  + deadline.toMillis()
                  + "ms), or every simulated rollout times out");
    }
    Map<String, List<String>> tags = new LinkedHashMap<>();
    map.get("tags").flatMap(YamlNode::namedMap).ifPresent(t -> tags(t, services, tags));
    return Optional.of(new DemoSettings(replicas, deadline, readyDelay, tags));
  }

  private static void tags(
      YamlMap map, Declared<ServiceSpec> services, Map<String, List<String>> out) {
    for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
      String service = entry.getKey();
      YamlNode node = entry.getValue();
      if (!services.names().contains(service)) {
        node.problem(unknownService(service, services));
        continue;
      }
      Optional<List<YamlNode>> items = node.list();
      if (items.isPresent() && items.get().isEmpty()) {
        node.problem("list at least one tag; the first one runs when the demo starts");
      }
      List<String> tags = new ArrayList<>();
      for (YamlNode item : items.orElse(List.of())) {
        tag(item, services.valid().get(service), tags);
      }
      out.put(service, tags);
    }
  }

  private static void tag(YamlNode item, ServiceSpec service, List<String> tags) {
    if (item.isNull()) {
      item.problem("must not be empty");
      return;
    }
    Optional<String> text = item.text();
    if (text.isEmpty()) {
      return;
    }
    String tag = text.get();
    if (!Names.isTag(tag)) {
      item.problem(
          YamlNode.quote(tag)
              + " is not a valid image tag: letters, digits, '_', '.' and '-',"
              + " not starting with '.' or '-', at most 128 characters");
    } else if (service != null && !service.acceptsTag(tag)) {
      item.problem(
          YamlNode.quote(tag)
              + " does not match the tag-pattern of "
              + service.name()
              + " ("
              + service.tagPattern().pattern()
              + "), so it could never be deployed");
    } else if (tags.contains(tag)) {
      item.problem("tag '" + tag + "' is listed twice");
    } else {
      tags.add(tag);
    }
  }

  private static String unknownService(String name, Declared<ServiceSpec> services) {
    for (ServiceSpec spec : services.valid().values()) {
      if (spec.aliases().contains(name)) {
        return "'" + name + "' is an alias; use the service name '" + spec.name() + "'";
      }
    }
    return References.unknown("service", name, services.names());
  }
}
