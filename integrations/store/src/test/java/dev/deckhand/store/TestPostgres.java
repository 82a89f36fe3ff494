package dev.deckhand.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL for the whole test run, handing each test a database of its own through
 * {@link Database#external}, so tests don't see each other's rows and the external mode is
 * exercised everywhere. Obtain it as a parameter through {@link PostgresExtension}.
 */
final class TestPostgres implements AutoCloseable {

  private final Path dataDir;
  private final Database server;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path dataDir, Database server) {
    this.dataDir = dataDir;
    this.server = server;
  }

  static TestPostgres start() {
    try {
      Path dir = Files.createTempDirectory("deckhand-store-it");
      return new TestPostgres(dir, Database.embedded(dir.resolve("pg")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The embedded server itself (its own database also carries the schema). */
  Database server() {
    return server;
  }

  /** A new, empty, migrated database on the shared server. */
  Database fresh() {
    String name = "test_" + databases.incrementAndGet();
    execute(server, "CREATE DATABASE " + name);
    return Database.external(urlOf(name), "postgres", null);
  }

  String urlOf(String database) {
    String url = server.jdbcUrl();
    return url.substring(0, url.lastIndexOf('/') + 1) + database;
  }

  static void execute(Database database, String... statements) {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    deleteRecursively(dataDir);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
