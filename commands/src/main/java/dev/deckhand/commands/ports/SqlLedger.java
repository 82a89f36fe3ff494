package dev.deckhand.commands.ports;

import java.time.Instant;
import java.util.Map;

/**
 * Which SQL migration files were applied to which database, so that {@code /sql-migrate} runs each
 * file once: Deckhand's own record, kept in its store (the migrated database is never asked). A
 * file is known by its name within a database of the catalog in one environment, with the SHA-256
 * of the content that was applied.
 *
 * <p>Thread-safe and blocking; throws the store's runtime exception when it cannot be reached.
 */
public interface SqlLedger {

  /** One applied file. */
  record Applied(String file, String sha256, long operationId, Instant at) {}

  /** The files applied to {@code database} in {@code environment}, by file name. */
  Map<String, Applied> applied(String database, String environment);

  /**
   * Records that {@code file} with content {@code sha256} was applied by operation {@code
   * operationId}. Recording the same file with the same hash again changes nothing.
   *
   * @throws IllegalStateException when the file is already recorded with another hash
   */
  void record(String database, String environment, String file, String sha256, long operationId);

  /** No ledger: every call fails, saying so. For engines wired without a store for it. */
  SqlLedger NONE =
      new SqlLedger() {
        @Override
        public Map<String, Applied> applied(String database, String environment) {
          throw new IllegalStateException("this Deckhand keeps no record of SQL migrations");
        }

        @Override
        public void record(
            String database, String environment, String file, String sha256, long operationId) {
          throw new IllegalStateException("this Deckhand keeps no record of SQL migrations");
        }
      };
}
