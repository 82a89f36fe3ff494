package dev.deckhand.bot.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Shared shape of the catalog's sections: maps from a user-chosen name to an entry. */
final class Sections {
  private Sections() {}

  /**
   * Parses a map of named entries, checking that each name is a DNS-1123 label.
   *
   * @param atLeastOne the noun to require one of ("environment"), or null when it may be empty
   */
  static <T> Declared<T> named(
      YamlNode node, String atLeastOne, BiFunction<String, YamlNode, Optional<T>> entry) {
    Optional<YamlMap> map = node.namedMap();
    if (map.isEmpty()) {
      return Declared.none();
    }
    if (atLeastOne != null && map.get().isEmpty()) {
      node.problem("at least one " + atLeastOne + " is required");
    }
    Map<String, T> valid = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : map.get().entries().entrySet()) {
      Names.labelProblem(e.getKey()).ifPresent(e.getValue()::problem);
      entry.apply(e.getKey(), e.getValue()).ifPresent(value -> valid.put(e.getKey(), value));
    }
    return new Declared<>(map.get().entries().keySet(), valid);
  }
}
