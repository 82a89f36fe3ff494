package dev.deckhand.bot.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML map in file order. Keys are checked on construction: duplicates, merge keys and keys
 * outside the allowed set are reported and left out.
 */
final class YamlMap {
  private final YamlNode owner;
  private final Map<String, YamlNode> entries = new LinkedHashMap<>();

  /**
   * @param allowed the keys this map may hold, or null for names chosen by the user
   */
  YamlMap(YamlNode owner, MappingNode mapping, List<String> allowed) {
    this.owner = owner;
    Problems problems = owner.context().problems();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      int line = YamlNode.lineOf(keyNode);
      if (Tag.MERGE.equals(keyNode.getTag())) {
        problems.add(line, owner.path(), "merge keys (<<) are not supported; repeat the fields");
      } else if (!(keyNode instanceof ScalarNode scalar) || Tag.NULL.equals(keyNode.getTag())) {
        problems.add(line, owner.path(), "keys must be plain names");
      } else if (entries.containsKey(scalar.getValue())) {
        problems.add(
            line,
            owner.path(),
            "duplicate key '"
                + scalar.getValue()
                + "' (first at line "
                + entries.get(scalar.getValue()).line()
                + ")");
      } else if (allowed != null && !allowed.contains(scalar.getValue())) {
        problems.add(
            line,
            owner.path(),
            "unknown key '"
                + scalar.getValue()
                + "'; expected one of: "
                + String.join(", ", allowed));
      } else {
        String key = scalar.getValue();
        entries.put(
            key, new YamlNode(tuple.getValueNode(), owner.childPath(key), line, owner.context()));
      }
    }
  }

  YamlNode owner() {
    return owner;
  }

  /** The entries in file order. */
  Map<String, YamlNode> entries() {
    return Collections.unmodifiableMap(entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  Optional<YamlNode> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** The value of a field that must be there and not be empty; reports "required" otherwise. */
  Optional<YamlNode> required(String key, String hint) {
    YamlNode value = entries.get(key);
    if (value == null || value.isNull()) {
      int line = value == null ? owner.line() : value.line();
      owner.context().problems().add(line, owner.childPath(key), "required" + hint);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  Optional<YamlNode> required(String key) {
    return required(key, "");
  }

  Optional<String> text(String key) {
    return get(key).flatMap(YamlNode::text);
  }

  /** A single value that must be present and not blank. */
  Optional<String> requiredText(String key) {
    Optional<YamlNode> node = required(key);
    Optional<String> text = node.flatMap(YamlNode::text);
    if (text.isPresent() && text.get().isBlank()) {
      node.get().problem("must not be empty");
      return Optional.empty();
    }
    return text;
  }

  /** Reports {@code problem}, if there is one, on the field; true when there is none. */
  boolean accept(String key, Optional<String> problem) {
    problem.ifPresent(p -> get(key).orElseThrow().problem(p));
    return problem.isEmpty();
  }

  boolean bool(String key, boolean absent) {
    return get(key).flatMap(YamlNode::bool).orElse(absent);
  }

  /** A list of single values; absent or wrong is an empty list (wrong is reported). */
  List<String> texts(String key) {
    return get(key).flatMap(YamlNode::texts).orElse(List.of());
  }
}
