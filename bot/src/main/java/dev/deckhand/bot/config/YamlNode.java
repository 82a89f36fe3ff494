package dev.deckhand.bot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of the composed YAML tree together with its dotted field path and the line where the field
 * starts (the line of its key; for list items and the document, the node's own line). Every read
 * reports what is wrong to the load's {@link Problems} and answers empty, so parsing carries on and
 * finds every problem in one pass.
 */
final class YamlNode {
  private static final int QUOTE_LIMIT = 40;

  private final Node node;
  private final String path;
  private final int line;
  private final LoadContext context;

  YamlNode(Node node, String path, int line, LoadContext context) {
    this.node = node;
    this.path = path;
    this.line = line;
    this.context = context;
  }

  static YamlNode root(Node node, LoadContext context) {
    return new YamlNode(node, "", lineOf(node), context);
  }

  static int lineOf(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  String path() {
    return path;
  }

  int line() {
    return line;
  }

  LoadContext context() {
    return context;
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String message) {
    context.problems().add(line, path, message);
  }

  /** True for an empty value ({@code key:} with nothing after it, {@code ~}, {@code null}). */
  boolean isNull() {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** True for a list ({@code [a, b]} or {@code - a} lines). */
  boolean isList() {
    return node instanceof SequenceNode;
  }

  /** True for a single value that is not empty. */
  boolean isScalar() {
    return node instanceof ScalarNode && !isNull();
  }

  /** This node as a map whose keys must be among {@code allowed}; an empty value is {}. */
  Optional<YamlMap> map(String... allowed) {
    return asMapping().map(m -> new YamlMap(this, m, List.of(allowed)));
  }

  /** This node as a map of names chosen by the user (service names, environments...). */
  Optional<YamlMap> namedMap() {
    return asMapping().map(m -> new YamlMap(this, m, null));
  }

  private Optional<MappingNode> asMapping() {
    if (isNull()) {
      return Optional.of(new MappingNode(Tag.MAP, List.of(), DumperOptions.FlowStyle.BLOCK));
    }
    if (node instanceof MappingNode mapping) {
      return Optional.of(mapping);
    }
    problem("expected a map (key: value), got " + describe());
    return Optional.empty();
  }

  /**
   * The plain keys of this node if it is a map, in file order, without reporting anything: for
   * names referred to before their section is read (its own parse reports what is wrong there).
   */
  List<String> keysQuietly() {
    if (!(node instanceof MappingNode mapping)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && !Tag.NULL.equals(key.getTag())) {
        keys.add(key.getValue());
      }
    }
    return keys;
  }

  /** This node as a list; an empty value is []. */
  Optional<List<YamlNode>> list() {
    if (isNull()) {
      return Optional.of(List.of());
    }
    if (!(node instanceof SequenceNode sequence)) {
      problem("expected a list like [a, b], got " + describe());
      return Optional.empty();
    }
    List<YamlNode> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new YamlNode(item, path + "[" + items.size() + "]", lineOf(item), context));
    }
    return Optional.of(items);
  }

  /** The scalar's text with variables expanded; empty when null (not a problem) or wrong. */
  Optional<String> text() {
    if (isNull()) {
      return Optional.empty();
    }
    if (!(node instanceof ScalarNode scalar)) {
      problem("expected a single value, got " + describe());
      return Optional.empty();
    }
    return context.variables().expand(scalar.getValue(), this::problem);
  }

  /** A list of single values; each item must be present and non-blank. */
  Optional<List<String>> texts() {
    Optional<List<YamlNode>> items = list();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    boolean ok = true;
    for (YamlNode item : items.get()) {
      Optional<String> value = item.isNull() ? Optional.of("") : item.text();
      if (value.isPresent() && value.get().isBlank()) {
        item.problem("must not be empty");
        value = Optional.empty();
      }
      value.ifPresent(values::add);
      ok &= value.isPresent();
    }
    return ok ? Optional.of(values) : Optional.empty();
  }

  Optional<Integer> integer(int min, int max) {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(text.get().strip());
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    problem("expected a whole number from " + min + " to " + max + ", got " + quote(text.get()));
    return Optional.empty();
  }

  Optional<Boolean> bool() {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.get().equals("true") || text.get().equals("false")) {
      return Optional.of(Boolean.parseBoolean(text.get()));
    }
    problem("expected true or false, got " + quote(text.get()));
    return Optional.empty();
  }

  Optional<Duration> duration() {
    Optional<String> text = text();
    Optional<Duration> value = text.flatMap(Durations::parse);
    if (text.isPresent() && value.isEmpty()) {
      problem(quote(text.get()) + " is not a duration; write e.g. 400ms, 5s, 2m or 2h");
    }
    return value;
  }

  private String describe() {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return quote(((ScalarNode) node).getValue());
  }

  static String quote(String value) {
    String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "…" : value;
    return "'" + shown + "'";
  }
}
