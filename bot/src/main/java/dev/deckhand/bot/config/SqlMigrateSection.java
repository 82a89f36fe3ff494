package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.SqlMigration;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The {@code sql} part of a service's {@code migrate:}: {@code sql: { database, dir }}, the SQL
 * files {@code /sql-migrate} applies into a database of {@code databases:}. The directory is
 * resolved against the catalog's own directory. Only the {@code sql} key is read here, so that the
 * other kinds of migration under {@code migrate:} parse beside it.
 */
final class SqlMigrateSection {
  private SqlMigrateSection() {}

  /**
   * The service's SQL migrations from its {@code migrate:} node, empty when it declares none or
   * they are wrong (reported). Only {@code migrate.sql} is read; {@link MigrateSection} checks the
   * keys of {@code migrate:} itself.
   */
  static Optional<SqlMigration> parse(YamlNode migrate) {
    Optional<YamlNode> sql = child(migrate, "sql");
    if (sql.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlMap> found = sql.get().map("database", "dir");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> database = map.requiredText("database");
    Optional<String> dir = map.requiredText("dir");
    if (database.isEmpty() || dir.isEmpty()) {
      return Optional.empty();
    }
    Path base = sql.get().context().baseDir();
    Path resolved = base == null ? Path.of(dir.get()) : base.resolve(dir.get()).normalize();
    return Optional.of(new SqlMigration(database.get(), resolved));
  }

  /**
   * Reports every {@code services.*.migrate.sql.database} that names no database of {@code
   * databases:}.
   */
  static void checkReferences(YamlNode services, Collection<String> databases) {
    services
        .namedMap()
        .ifPresent(
            map ->
                map.entries()
                    .values()
                    .forEach(
                        service ->
                            child(service, "migrate")
                                .flatMap(m -> child(m, "sql"))
                                .flatMap(s -> child(s, "database"))
                                .ifPresent(
                                    db ->
                                        db.text()
                                            .ifPresent(
                                                name ->
                                                    References.check(
                                                        db, "database", name, databases)))));
  }

  private static Optional<YamlNode> child(YamlNode node, String key) {
    if (!node.keysQuietly().contains(key)) {
      return Optional.empty();
    }
    return node.map(node.keysQuietly().toArray(String[]::new)).flatMap(m -> m.get(key));
  }
}
