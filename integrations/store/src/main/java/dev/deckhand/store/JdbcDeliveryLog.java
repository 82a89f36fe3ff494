package dev.deckhand.store;

import dev.deckhand.commands.ports.DeliveryLog;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeliveryLog} on the {@code delivery} table: a key is first seen by whoever inserts its
 * row. Growth stays bounded: the first call and every {@code pruneEvery}-th after it also delete
 * the keys older than the retention (a week by default, long after any platform stops retrying).
 */
final class JdbcDeliveryLog implements DeliveryLog {

  static final Duration RETENTION = Duration.ofDays(7);
  static final int PRUNE_EVERY = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcDeliveryLog.class);

  private final Jdbc jdbc;
  private final Duration retention;
  private final int pruneEvery;
  private final AtomicLong calls = new AtomicLong();

  JdbcDeliveryLog(Jdbc jdbc) {
    this(jdbc, RETENTION, PRUNE_EVERY);
  }

  JdbcDeliveryLog(Jdbc jdbc, Duration retention, int pruneEvery) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (pruneEvery < 1) {
      throw new IllegalArgumentException("pruneEvery must be positive: " + pruneEvery);
    }
    this.pruneEvery = pruneEvery;
  }

  @Override
  public boolean firstTime(String key) {
    Objects.requireNonNull(key, "key");
    boolean first =
        jdbc.transaction(
            "while recording delivery " + key,
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO delivery (key, at) VALUES (?, clock_timestamp())"
                          + " ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, Columns.storable(key));
                return insert.executeUpdate() == 1;
              }
            });
    if (calls.getAndIncrement() % pruneEvery == 0) {
      pruneQuietly();
    }
    return first;
  }

  /** Deletes the keys first seen more than {@code age} ago; returns how many. */
  int prune(Duration age) {
    return jdbc.transaction(
        "while pruning deliveries older than " + age,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM delivery WHERE at < clock_timestamp() - ? * interval '1 microsecond'")) {
            delete.setLong(1, age.toNanos() / 1000);
            return delete.executeUpdate();
          }
        });
  }

  /** Pruning is housekeeping: its failure must not fail the delivery that triggered it. */
  private void pruneQuietly() {
    try {
      int pruned = prune(retention);
      if (pruned > 0) {
        LOG.debug("pruned {} delivery keys older than {}", pruned, retention);
      }
    } catch (StoreException e) {
      LOG.warn("could not prune old delivery keys; will try again later", e);
    }
  }
}
