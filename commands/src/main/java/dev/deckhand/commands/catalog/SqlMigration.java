package dev.deckhand.commands.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A service's {@code migrate: { sql: { database, dir } }}: the SQL files of {@code dir}, applied in
 * name order by {@code /sql-migrate} into the catalog's database {@code database}, each once.
 *
 * @param database the name of a database of the catalog's {@code databases:}
 * @param dir the directory of the files (resolved against the catalog's own directory)
 */
public record SqlMigration(String database, Path dir) {
  public SqlMigration {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(dir, "dir");
  }
}
