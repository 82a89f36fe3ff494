package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ReleaseFiles;
import dev.deckhand.commands.parse.UsageException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Release files in a directory: {@code <dir>/<name>.yaml} (or {@code .yml}), a flat map of service
 * to tag, read when a release is asked for. A wrong file is refused with its name, line and what to
 * write instead; the tags are checked against each service later, as {@code /deploy} checks them.
 *
 * <pre>
 * # releases/2026-12-05.yaml
 * gateway: p10e-mmc-20260519-d4-webhooks
 * api: 4e1d2c7
 * worker: 4e1d2c7
 * </pre>
 */
final class ReleaseFileReader implements ReleaseFiles {
  /** A release file is a few lines: a larger one is not one. */
  static final long MAX_BYTES = 64 * 1024;

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private final Path dir;

  ReleaseFileReader(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  @Override
  public String describe(String name) {
    return file(name).map(Path::toString).orElse(dir.resolve(name + ".yaml").toString());
  }

  @Override
  public Map<String, String> read(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new UsageException(
          "'" + name + "' is not a release name",
          "give the name of a file in " + dir + ", without .yaml");
    }
    Path file =
        file(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "there is no release file " + name + ".yaml in " + dir,
                        "releases are: " + String.join(", ", names())));
    String text = text(file);
    Node root = compose(file, text);
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof MappingNode map)) {
      throw problem(file, root, "must be a map of service to tag, e.g. gateway: <tag>");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)
          || !(t.getValueNode() instanceof ScalarNode value)) {
        throw problem(file, t.getKeyNode(), "each line is service: tag, e.g. gateway: <tag>");
      }
      String service = key.getValue().strip();
      String tag = value.getValue().strip();
      if (tag.isEmpty()) {
        throw problem(file, value, service + " has no tag; write " + service + ": <tag>");
      }
      if (!TAG.matcher(tag).matches()) {
        throw problem(
            file,
            value,
            "'"
                + tag
                + "' is not a valid image tag (1 to 128 letters, digits, '_', '.' or '-', not"
                + " starting with '.' or '-')");
      }
      if (tags.putIfAbsent(service, tag) != null) {
        throw problem(file, key, service + " is named twice; keep one line for it");
      }
    }
    return tags;
  }

  /** The file of release {@code name}: {@code .yaml}, else {@code .yml}. */
  private java.util.Optional<Path> file(String name) {
    for (String ext : new String[] {".yaml", ".yml"}) {
      Path f = dir.resolve(name + ext);
      if (Files.isRegularFile(f)) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }

  /** The releases the directory holds, for the hint when one is not there. */
  private String[] names() {
    try (Stream<Path> files = Files.list(dir)) {
      String[] found =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
              .map(n -> n.substring(0, n.lastIndexOf('.')))
              .sorted()
              .limit(20)
              .toArray(String[]::new);
      return found.length == 0 ? new String[] {"none yet"} : found;
    } catch (IOException e) {
      return new String[] {"unreadable (" + e.getClass().getSimpleName() + ")"};
    }
  }

  private static String text(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new UsageException(
            file + " is larger than " + MAX_BYTES / 1024 + " KiB",
            "a release file holds one line per service: service: tag");
      }
      String text = Files.readString(file);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new UsageException(file + " is not UTF-8 text", "save it as UTF-8");
    } catch (IOException e) {
      throw new UsageException(
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
          "check that Deckhand may read it");
    }
  }

  private static Node compose(Path file, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(true); // duplicates are reported with their line, below
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new UsageException(
          file + ":" + line + ": YAML syntax error: " + e.getProblem(),
          "each line is service: tag, e.g. gateway: <tag>");
    } catch (YAMLException e) {
      throw new UsageException(
          file + " is not valid YAML", "each line is service: tag, e.g. gateway: <tag>");
    }
  }

  private static UsageException problem(Path file, Node at, String message) {
    int line = at.getStartMark() == null ? 0 : at.getStartMark().getLine() + 1;
    String[] parts = message.split("; ", 2);
    return new UsageException(
        file + ":" + line + ": " + parts[0],
        parts.length > 1 ? parts[1] : "each line is service: tag, e.g. gateway: <tag>");
  }
}
