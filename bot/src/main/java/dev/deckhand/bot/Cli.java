package dev.deckhand.bot;

import dev.deckhand.bot.config.CatalogException;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.registry.InsecureRegistries;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: parses the sub-command and its flags, loads the catalog, starts a mode. */
final class Cli {
  private static final Logger log = LoggerFactory.getLogger(Cli.class);
  static final String USAGE =
      String.join(
          "\n",
          "usage: deckhand demo [--config FILE]   simulated clusters and registry, embedded PostgreSQL,",
          "                                       console chat (default config/demo.yaml)",
          "       deckhand run --config FILE      the clusters, registries and store the catalog names",
          "       deckhand check --config FILE    validate a catalog and exit",
          "       deckhand audit verify|export [--config FILE | --demo] [--out FILE]",
          "                                       check the audit trail's hash chain, or write it as",
          "                                       JSON lines (default stdout); verify exits 3 if broken");

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  Cli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    List<String> words = Arrays.asList(args);
    if (words.isEmpty() || words.contains("--help") || words.get(0).equals("help")) {
      out.println(USAGE);
      return words.isEmpty() ? 2 : 0;
    }
    String mode = words.get(0);
    if (mode.equals("audit")) { // its own sub-commands and flags
      return new AuditCli(home(), env, out, err).run(words.subList(1, words.size()));
    }
    Path config;
    try {
      config = configFlag(words.subList(1, words.size()), mode.equals("demo"));
    } catch (IllegalArgumentException e) {
      err.println("deckhand: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      return switch (mode) {
        case "demo" -> new DemoMode(home(), env).run(config, reader(), out, err, interactive());
        case "run" -> {
          LoadedConfig loaded = load(config, Map.of());
          warn(loaded);
          yield new RunMode(home(), env).run(loaded, reader(), out, interactive());
        }
        case "check" -> {
          LoadedConfig loaded = load(config, Map.of());
          int warnings = loaded.warnings().size();
          out.println(
              config
                  + ": the catalog is valid"
                  + (warnings == 0 ? "" : ", with " + warnings + " warning(s):"));
          loaded.warnings().forEach(w -> out.println("  warning: " + w.render()));
          yield 0;
        }
        default -> {
          err.println("deckhand: unknown command '" + mode + "'");
          err.println(USAGE);
          yield 2;
        }
      };
    } catch (CatalogException e) {
      err.println("deckhand: the catalog has problems; nothing was started:");
      err.println(e.getMessage());
      return 2;
    } catch (Exception e) {
      log.error("deckhand stopped", e);
      err.println("deckhand: " + e.getMessage() + " (details in " + home().resolve("logs") + ")");
      return 1;
    }
  }

  /** Says each warning of the catalog on stderr and in the log before the bot starts. */
  private void warn(LoadedConfig loaded) {
    for (var w : loaded.warnings()) {
      err.println("deckhand: warning: " + w.render());
      log.warn("catalog warning: {}", w.render());
    }
  }

  LoadedConfig load(Path file, Map<String, String> variables) throws CatalogException {
    LoadedConfig config = new CatalogLoader(SecretResolver.standard(env)).load(file, variables);
    InsecureRegistries.warn(config.catalog()); // WARN goes to the log file and to stderr
    return config;
  }

  private Path home() {
    String configured = env.get("DECKHAND_HOME");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".deckhand");
  }

  private BufferedReader reader() {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private boolean interactive() {
    return System.console() != null && in == System.in;
  }

  private static Path configFlag(List<String> rest, boolean hasDefault) {
    Path config = hasDefault ? Path.of("config", "demo.yaml") : null;
    for (int i = 0; i < rest.size(); i++) {
      String w = rest.get(i);
      if (w.equals("--config") && i + 1 < rest.size()) {
        config = Path.of(rest.get(++i));
      } else if (w.startsWith("--config=")) {
        config = Path.of(w.substring("--config=".length()));
      } else {
        throw new IllegalArgumentException("unexpected '" + w + "'");
      }
    }
    if (config == null) {
      throw new IllegalArgumentException("--config FILE is required");
    }
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException("no catalog file at " + config.toAbsolutePath());
    }
    return config;
  }
}
