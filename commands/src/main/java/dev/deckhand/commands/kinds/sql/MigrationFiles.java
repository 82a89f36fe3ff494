package dev.deckhand.commands.kinds.sql;

import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.SqlLedger;
import dev.deckhand.commands.sql.SqlFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL files of a directory against the {@link SqlLedger}, for {@code /sql-migrate}: which are
 * applied, which are still to run, and an applied file whose content changed since (refused: it
 * would never reach the database). Thread-safe.
 */
final class MigrationFiles {
  /**
   * The files not applied yet, in order, and how many are.
   *
   * @param files the files still to run
   * @param applied how many files of the directory the ledger has
   */
  record Pending(List<SqlFiles.File> files, int applied) {}

  private final SqlLedger ledger;

  MigrationFiles(SqlLedger ledger) {
    this.ledger = ledger;
  }

  /** The files of {@code dir} not applied yet; refuses a changed applied file. */
  Pending pending(String database, String environment, Path dir) {
    List<SqlFiles.File> files;
    try {
      files = SqlFiles.list(dir);
    } catch (UncheckedIOException e) {
      throw new UsageException(
          "cannot read the SQL migrations: " + e.getMessage(),
          "check migrate.sql.dir in the catalog; it is resolved against the catalog's directory");
    }
    Map<String, SqlLedger.Applied> applied;
    try {
      applied = ledger.applied(database, environment);
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage(), "/sql-migrate needs Deckhand's store");
    }
    List<SqlFiles.File> pending = new ArrayList<>();
    int done = 0;
    for (SqlFiles.File f : files) {
      SqlLedger.Applied a = applied.get(f.name());
      if (a == null) {
        pending.add(f);
      } else if (!a.sha256().equals(f.sha256())) {
        throw changed(f.name(), a);
      } else {
        done++;
      }
    }
    return new Pending(pending, done);
  }

  /** What the ledger has for {@code file} now, or null: checked again right before it runs. */
  SqlLedger.Applied applied(String database, String environment, String file) {
    return ledger.applied(database, environment).get(file);
  }

  /** Records a file psql applied. */
  void record(String database, String environment, SqlFiles.File f, long operationId) {
    ledger.record(database, environment, f.name(), f.sha256(), operationId);
  }

  /** The refusal of a file changed after it was applied. */
  static UsageException changed(String file, SqlLedger.Applied a) {
    return new UsageException(
        file
            + " was changed after it was applied (by op "
            + a.operationId()
            + " at "
            + a.at()
            + "): an applied file runs only once, its change would never reach the database",
        "put back the file as it was applied and put the change in a new file that sorts after"
            + " the last one");
  }

  /** The files' names: {@code V1__users.sql, V2__plans.sql}. */
  static String names(List<SqlFiles.File> files) {
    return String.join(", ", files.stream().map(SqlFiles.File::name).toList());
  }

  /** The files as stored and hashed: a line each, its name and SHA-256. */
  static String listed(List<SqlFiles.File> files) {
    return String.join("\n", files.stream().map(f -> f.name() + " " + f.sha256()).toList());
  }

  /** {@code 1 file}, {@code 3 files}. */
  static String count(int n) {
    return n + (n == 1 ? " file" : " files");
  }
}
