package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.PromotionSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code promotion: [dev, staging, prod]}, or {@code promotion: {chain: [staging, prod], soak: 30m,
 * zone-tags: {staging: staging, prod: production}}}: the zones {@code /promote} moves a digest
 * through, how long it must run verified in one before it may move on, and the registry tag moved
 * in each zone. Every zone is an environment, named once; at least two.
 */
final class PromotionSection {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private PromotionSection() {}

  static Optional<PromotionSpec> parse(YamlNode node, Declared<EnvironmentSpec> environments) {
    if (node.isList()) {
      return chain(node, environments)
          .map(chain -> new PromotionSpec(chain, Duration.ZERO, Map.of()));
    }
    Optional<YamlMap> found = node.map("chain", "soak", "zone-tags");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<List<String>> chain =
        map.required("chain", ": the zones in order, e.g. [staging, prod]")
            .flatMap(n -> chain(n, environments));
    Optional<YamlNode> soakNode = map.get("soak");
    Optional<Duration> soak =
        soakNode.isEmpty() ? Optional.of(Duration.ZERO) : soakNode.get().duration();
    Map<String, String> tags = new LinkedHashMap<>();
    boolean ok = chain.isPresent() && soak.isPresent();
    Optional<YamlNode> tagsNode = map.get("zone-tags");
    if (tagsNode.isPresent()) {
      Optional<YamlMap> named = tagsNode.get().namedMap();
      if (named.isEmpty()) {
        return Optional.empty();
      }
      for (Map.Entry<String, YamlNode> e : named.get().entries().entrySet()) {
        Optional<String> tag = e.getValue().text();
        if (chain.isPresent() && !chain.get().contains(e.getKey())) {
          e.getValue()
              .problem(
                  e.getKey()
                      + " is not in the chain; zone tags are for "
                      + String.join(", ", chain.get()));
          ok = false;
        } else if (tag.isEmpty() || !TAG.matcher(tag.get()).matches()) {
          e.getValue()
              .problem("expected a tag such as production (letters, digits, '_', '.' or '-')");
          ok = false;
        } else if (tag.get().equals("latest")) {
          e.getValue().problem("'latest' names no fixed build; name the zone, e.g. production");
          ok = false;
        } else {
          tags.put(e.getKey(), tag.get());
        }
      }
    }
    return ok ? Optional.of(new PromotionSpec(chain.get(), soak.get(), tags)) : Optional.empty();
  }

  private static Optional<List<String>> chain(
      YamlNode node, Declared<EnvironmentSpec> environments) {
    Optional<List<String>> names = node.texts();
    if (names.isEmpty()) {
      return Optional.empty();
    }
    boolean ok = true;
    for (String name : names.get()) {
      ok &= References.check(node, "environment", name, environments.names());
    }
    if (names.get().stream().distinct().count() != names.get().size()) {
      node.problem("a zone is named twice; each environment is one zone of the chain");
      ok = false;
    }
    if (ok && names.get().size() < 2) {
      node.problem("a chain needs at least two zones, e.g. [staging, prod]");
      ok = false;
    }
    return ok ? names : Optional.empty();
  }
}
