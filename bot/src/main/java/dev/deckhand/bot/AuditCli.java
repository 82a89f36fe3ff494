package dev.deckhand.bot;

import dev.deckhand.bot.config.CatalogException;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.config.StoreSettings;
import dev.deckhand.store.AuditVerifier;
import dev.deckhand.store.Database;
import dev.deckhand.store.StoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deckhand audit verify|export}: opens the store the bot uses and checks the audit trail's
 * hash chain, or writes the trail as JSON lines. The store is the catalog's {@code store:} when
 * {@code --config} names a catalog that has one, otherwise the embedded database under {@code
 * $DECKHAND_HOME/db} ({@code $DECKHAND_HOME/demo/db} with {@code --demo}). An embedded database in
 * use by a running bot is refused by the store; an external one can be read while the bot runs.
 *
 * <p>Exit codes: 0 done (chain intact), 3 the chain is broken, 2 bad arguments or catalog, 1 the
 * store could not be opened or read.
 */
final class AuditCli {
  static final int TAMPERED = 3;
  static final String USAGE =
      String.join(
          "\n",
          "usage: deckhand audit verify [--config FILE | --demo]",
          "       deckhand audit export [--config FILE | --demo] [--out FILE]");

  private static final Logger log = LoggerFactory.getLogger(AuditCli.class);

  /** The parsed arguments; {@code config} and {@code outFile} may be null. */
  private record Options(String action, Path config, boolean demo, Path outFile) {}

  private final Path home;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  AuditCli(Path home, Map<String, String> env, PrintStream out, PrintStream err) {
    this.home = home;
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
  }

  /** Runs {@code verify} or {@code export} with its flags (the words after {@code audit}). */
  int run(List<String> args) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("deckhand audit: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try (Database database = open(options)) {
      return options.action().equals("verify") ? verify(database) : export(database, options);
    } catch (CatalogException e) {
      err.println("deckhand audit: the catalog has problems:");
      err.println(e.getMessage());
      return 2;
    } catch (StoreException | IOException e) {
      err.println("deckhand audit: " + e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      err.println("deckhand audit: " + e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    } catch (RuntimeException e) {
      log.error("deckhand audit {} failed", options.action(), e);
      err.println(
          "deckhand audit: internal error: " + e + " (details in " + home.resolve("logs") + ")");
      return 1;
    }
  }

  private int verify(Database database) {
    AuditVerifier.Result result = database.stores().auditVerifier().verify();
    if (result.valid()) {
      out.printf(
          "audit trail intact: %d rows, last seq %d, last hash %s%n",
          result.rowsChecked(), result.lastSeq(), result.lastHash());
      return 0;
    }
    AuditVerifier.Problem problem = result.problem().orElseThrow();
    String where =
        switch (problem.kind()) {
          case CHANGED -> "row " + problem.seq() + " was changed";
          case DELETED -> "rows were deleted at row " + problem.seq();
          case INSERTED -> "row " + problem.seq() + " was inserted";
        };
    out.println("audit trail NOT intact: " + where + ": " + problem.message());
    out.printf(
        "the rows before it check out: last good seq %d, hash %s%n",
        result.lastSeq(), result.lastHash());
    return TAMPERED;
  }

  private int export(Database database, Options options) throws IOException {
    if (options.outFile() == null) {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      long rows = database.stores().auditExporter().export(writer);
      writer.flush();
      if (out.checkError()) {
        err.println("deckhand audit: could not write the export to standard output");
        return 1;
      }
      err.println("exported " + rows + " audit rows");
      return 0;
    }
    Path target = options.outFile().toAbsolutePath();
    try {
      return exportTo(database, target);
    } catch (IOException e) {
      throw new IOException("while writing " + target + ": " + e, e);
    }
  }

  private int exportTo(Database database, Path target) throws IOException {
    // A temporary sibling moved into place: a failed export leaves no half-written file behind.
    Path partial = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
    try {
      long rows;
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        rows = database.stores().auditExporter().export(writer);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      err.println("exported " + rows + " audit rows to " + target);
      return 0;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private Database open(Options options) throws CatalogException, IOException {
    if (options.demo()) {
      return embedded(home.resolve("demo").resolve("db"));
    }
    Optional<StoreSettings> store =
        options.config() == null
            ? Optional.empty()
            : new CatalogLoader(SecretResolver.standard(env))
                .load(options.config(), Map.of())
                .store();
    return store
        .map(s -> Database.external(s.url(), s.user(), s.password()))
        .orElseGet(() -> embedded(home.resolve("db")));
  }

  /** Opening a directory that holds no database would create an empty one; say so instead. */
  private static Database embedded(Path dir) {
    if (!Files.exists(dir.resolve("PG_VERSION"))) {
      throw new StoreException(
          "no embedded store at "
              + dir.toAbsolutePath()
              + " (has the bot run with this DECKHAND_HOME? for an external store, pass --config)");
    }
    return Database.embedded(dir);
  }

  private static Options parse(List<String> args) {
    if (args.isEmpty() || !(args.get(0).equals("verify") || args.get(0).equals("export"))) {
      throw new IllegalArgumentException(
          args.isEmpty() ? "verify or export?" : "unknown audit command '" + args.get(0) + "'");
    }
    String action = args.get(0);
    Path config = null;
    Path outFile = null;
    boolean demo = false;
    for (int i = 1; i < args.size(); i++) {
      String w = args.get(i);
      if (w.equals("--demo")) {
        demo = true;
      } else if (w.equals("--config") && i + 1 < args.size()) {
        config = Path.of(args.get(++i));
      } else if (w.startsWith("--config=")) {
        config = Path.of(w.substring("--config=".length()));
      } else if (action.equals("export") && w.equals("--out") && i + 1 < args.size()) {
        outFile = Path.of(args.get(++i));
      } else if (action.equals("export") && w.startsWith("--out=")) {
        outFile = Path.of(w.substring("--out=".length()));
      } else {
        throw new IllegalArgumentException("unexpected '" + w + "'");
      }
    }
    if (demo && config != null) {
      throw new IllegalArgumentException("--demo reads the demo's own store; it takes no --config");
    }
    if (config != null && !Files.isRegularFile(config)) {
      throw new IllegalArgumentException("no catalog file at " + config.toAbsolutePath());
    }
    return new Options(action, config, demo, outFile);
  }
}
