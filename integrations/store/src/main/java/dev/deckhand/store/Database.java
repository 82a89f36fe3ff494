package dev.deckhand.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deckhand's PostgreSQL database: an embedded server under a data directory, or an external one at
 * a configured URL. Opening either brings the schema up to date (Flyway, {@code db/migration});
 * {@link #stores()} then serves the core's ports. Closing stops the embedded server; it closes
 * nothing of an external one.
 *
 * <p>The data source opens a new connection per call (no pool): the bot's rate of store calls is a
 * few per second. Thread-safe.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String LOOPBACK = "127.0.0.1";

  private final DataSource dataSource;
  private final String jdbcUrl;
  private final EmbeddedPostgres server;
  private final Stores stores;

  private Database(DataSource dataSource, String jdbcUrl, EmbeddedPostgres server) {
    this.dataSource = dataSource;
    this.jdbcUrl = jdbcUrl;
    this.server = server;
    this.stores = new Stores(dataSource);
  }

  /**
   * Starts an embedded PostgreSQL whose data lives in {@code dataDir} (a directory of its own,
   * created and initialised on first use, kept across restarts), listening on 127.0.0.1 on an
   * ephemeral port, and migrates it. A server orphaned in that directory by a previous process
   * killed with {@code kill -9} is stopped first. The first start in a machine also extracts the
   * PostgreSQL binaries under {@code java.io.tmpdir}. The server's own output (initdb, start-up,
   * warnings) is appended to {@code postgres.log} beside the data directory.
   *
   * @throws StoreException when the server cannot start (for instance the directory is in use by
   *     another running process) or the schema cannot be migrated
   */
  public static Database embedded(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path log = dir.resolveSibling("postgres.log");
    EmbeddedPostgres server;
    try {
      Files.createDirectories(dir);
      requireOwnDirectory(dir);
      StalePostmaster.clear(dir);
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", LOOPBACK)
              .setServerConfig("unix_socket_permissions", "0700")
              // The builder's default is off; OperationStore promises a step is on disk.
              .setServerConfig("synchronous_commit", "on")
              .setPGStartupWait(Duration.ofSeconds(30))
              // To a file rather than through a pipe: a pipe costs a thread that reads it for
              // as long as the server runs (and the log level dropped what it read).
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (StoreException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          "while starting embedded PostgreSQL in " + dir + " (its output: " + log + ")", e);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {LOOPBACK});
    dataSource.setPortNumbers(new int[] {server.getPort()});
    dataSource.setDatabaseName("postgres");
    dataSource.setUser("postgres");
    dataSource.setApplicationName("deckhand");
    String url = "jdbc:postgresql://" + LOOPBACK + ":" + server.getPort() + "/postgres";
    LOG.info("embedded PostgreSQL on {} with data in {}", url, dir);
    return open(dataSource, url, server);
  }

  /**
   * Connects to an external PostgreSQL and migrates it. The schema goes where the URL's user and
   * {@code currentSchema} put it; give Deckhand a database (or schema) of its own.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/db?...}
   * @param user the user, or null when the URL names it
   * @param password the password, or null when the URL carries it or none is needed
   * @throws StoreException when the URL is malformed, the server unreachable or the migration fails
   */
  public static Database external(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String shown = withoutParameters(jdbcUrl);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    try {
      dataSource.setURL(jdbcUrl);
    } catch (IllegalArgumentException e) {
      throw new StoreException("malformed store URL " + shown, e);
    }
    if (user != null) {
      dataSource.setUser(user);
    }
    if (password != null) {
      dataSource.setPassword(password);
    }
    if (dataSource.getApplicationName() == null) {
      dataSource.setApplicationName("deckhand");
    }
    return open(dataSource, shown, null);
  }

  private static Database open(DataSource dataSource, String url, EmbeddedPostgres server) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .cleanDisabled(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      stopQuietly(server, e);
      throw new StoreException("while migrating the store schema at " + url, e);
    } catch (RuntimeException e) {
      stopQuietly(server, e);
      throw e;
    }
    return new Database(dataSource, url, server);
  }

  /** Connections to this database; callers close what they open. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The database's URL without credentials or parameters, fit for logs. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The port implementations on this database. */
  public Stores stores() {
    return stores;
  }

  /** Stops the embedded server (a fast shutdown); does nothing for an external database. */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new StoreException("while stopping embedded PostgreSQL", e);
    }
  }

  private static void stopQuietly(EmbeddedPostgres server, Exception failure) {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** initdb needs an empty directory; refuse early, and plainly, to take over a used one. */
  private static void requireOwnDirectory(Path dir) throws IOException {
    if (Files.exists(dir.resolve("PG_VERSION"))) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new StoreException(
            dir
                + " is neither empty nor a PostgreSQL data directory; give the embedded database"
                + " a directory of its own");
      }
    }
  }

  private static String withoutParameters(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
