package dev.deckhand.bot.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates a catalog file. Every problem is collected (syntax, unknown keys, types,
 * missing fields, dangling references, names, secrets) and reported together, each naming file,
 * line and field; a catalog with any problem is refused as a whole.
 *
 * <p>Blocking (reads the file and any {@code file:} secrets); thread-safe; holds no state between
 * loads.
 */
public final class CatalogLoader {
  private final SecretResolver secrets;

  public CatalogLoader(SecretResolver secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * Loads {@code file}.
   *
   * @param variables the values of {@code ${name}} in scalar values (demo mode defines the {@code
   *     sim.*} URLs; otherwise usually empty)
   * @throws CatalogException listing every problem found
   */
  public LoadedConfig load(Path file, Map<String, String> variables) throws CatalogException {
    Node root = compose(file, read(file));
    Problems problems = new Problems(file);
    if (root == null) {
      throw single(file, 0, "the file is empty; config/example.yaml shows what a catalog holds");
    }
    Path baseDir = file.toAbsolutePath().getParent();
    LoadContext context = new LoadContext(problems, new Variables(variables), secrets, baseDir);
    Optional<LoadedConfig> config = CatalogParser.parse(YamlNode.root(root, context), file);
    problems.throwIfAny();
    return config.orElseThrow();
  }

  private static String read(Path file) throws CatalogException {
    try {
      String text = Files.readString(file);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw single(file, 0, "no such file");
    } catch (CharacterCodingException e) {
      throw single(file, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw single(file, 0, "cannot read the file (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Node compose(Path file, String text) throws CatalogException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw single(file, line(e.getProblemMark()), syntaxMessage(e));
    } catch (YAMLException e) {
      throw single(file, 0, "not valid YAML: " + e.getMessage());
    }
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    StringBuilder message = new StringBuilder("YAML syntax error: ").append(e.getProblem());
    if (e.getContext() != null && e.getContextMark() != null) {
      message
          .append(" (")
          .append(e.getContext())
          .append(" that starts at line ")
          .append(line(e.getContextMark()))
          .append(')');
    }
    return message.toString();
  }

  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static CatalogException single(Path file, int line, String message) {
    return new CatalogException(List.of(new Problem(file, line, "", message)));
  }
}
