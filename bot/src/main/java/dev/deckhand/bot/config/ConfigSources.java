package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The catalog's sources, read when a command plans and runs: a ConfigMap's data from an env file or
 * a YAML map, a Secret key's value from its {@code env:}/{@code file:} reference. Messages name the
 * file and the line, never a value.
 */
final class ConfigSources {
  private ConfigSources() {}

  /** The two formats a ConfigMap's file may have. */
  enum Format {
    ENV_FILE("env-file:"),
    YAML("yaml:");

    final String prefix;

    Format(String prefix) {
      this.prefix = prefix;
    }
  }

  /**
   * A ConfigMap's data from a file.
   *
   * @param written how the catalog wrote it ({@code env-file:config/gateway.staging.env})
   * @param file the file, absolute
   */
  record DataFile(String written, Format format, Path file)
      implements ServiceConfig.Source<Map<String, String>> {
    @Override
    public String describe() {
      return written;
    }

    @Override
    public Map<String, String> read() {
      String text;
      try {
        text = Files.readString(file);
      } catch (NoSuchFileException e) {
        throw new ServiceConfig.SourceException("file " + file + " does not exist");
      } catch (IOException e) {
        throw new ServiceConfig.SourceException(
            "cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
      return format == Format.ENV_FILE ? envFile(text) : yaml(text);
    }

    /** {@code KEY=VALUE} lines; blank lines, {@code #} comments and {@code export } allowed. */
    private Map<String, String> envFile(String text) {
      Map<String, String> data = new LinkedHashMap<>();
      String[] lines = text.split("\\R", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("export ")) {
          line = line.substring("export ".length()).strip();
        }
        int eq = line.indexOf('=');
        String key = eq < 0 ? "" : line.substring(0, eq).strip();
        if (!isKey(key)) {
          throw new ServiceConfig.SourceException(
              "line " + (i + 1) + " of " + file + " is not KEY=VALUE");
        }
        if (data.containsKey(key)) {
          throw new ServiceConfig.SourceException(
              "line " + (i + 1) + " of " + file + " repeats the key " + key);
        }
        data.put(key, unquoted(line.substring(eq + 1).strip()));
      }
      return data;
    }

    private Map<String, String> yaml(String text) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      Object loaded;
      try {
        loaded = new Yaml(new SafeConstructor(options)).load(text);
      } catch (YAMLException e) {
        // the parser's message may quote the text, a value: say only where
        throw new ServiceConfig.SourceException(file + " is not valid YAML");
      }
      if (loaded == null) {
        return Map.of();
      }
      if (!(loaded instanceof Map<?, ?> map)) {
        throw new ServiceConfig.SourceException(
            file + " must be a map of keys to strings, numbers or booleans");
      }
      Map<String, String> data = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        Object value = e.getValue();
        if (!isKey(key)
            || !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          throw new ServiceConfig.SourceException(
              "key "
                  + (isKey(key) ? key : "'" + key + "'")
                  + " of "
                  + file
                  + " must be a name of letters, digits, '-', '_' or '.' with a string, number"
                  + " or boolean value");
        }
        data.put(key, String.valueOf(value));
      }
      return data;
    }
  }

  /** A Secret key's value from its reference. */
  record Reference(SecretReference reference, SecretResolver resolver)
      implements ServiceConfig.Source<String> {
    @Override
    public String describe() {
      return reference.toString();
    }

    @Override
    public String read() {
      try {
        return resolver.resolve(reference);
      } catch (SecretException e) {
        throw new ServiceConfig.SourceException(e.getMessage());
      }
    }
  }

  /** A ConfigMap or Secret data key, as Kubernetes allows them. */
  static boolean isKey(String key) {
    return !key.isEmpty() && key.length() <= 253 && key.matches("[-._a-zA-Z0-9]+");
  }

  private static String unquoted(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }
}
