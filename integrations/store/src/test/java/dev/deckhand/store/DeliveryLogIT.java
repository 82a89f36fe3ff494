package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.ports.DeliveryLog;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class DeliveryLogIT {

  private Database database;
  private DeliveryLog deliveries;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    database = postgres.fresh();
    deliveries = database.stores().deliveries();
  }

  @Test
  void keyIsNewOnceThenARepeat() {
    assertThat(deliveries.firstTime("slack:Ev123")).isTrue();
    assertThat(deliveries.firstTime("slack:Ev123")).isFalse();
    assertThat(deliveries.firstTime("slack:Ev124")).isTrue();
  }

  @Test
  void ofTwoProcessesSeeingTheSameKeysEachKeyIsFirstForExactlyOne() throws Exception {
    try (Database other = Database.external(database.jdbcUrl(), "postgres", null)) {
      List<DeliveryLog> logs = List.of(deliveries, other.stores().deliveries());
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> firsts = new ArrayList<>();
        for (DeliveryLog log : logs) {
          firsts.add(
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    int first = 0;
                    for (int i = 0; i < 100; i++) {
                      first += log.firstTime("discord:" + i) ? 1 : 0;
                    }
                    return first;
                  }));
        }
        int total = 0;
        for (Future<Integer> first : firsts) {
          total += first.get(60, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(100);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void keysSurviveARestartOfTheEmbeddedDatabase(@TempDir Path temp) {
    Path dir = temp.resolve("pg");
    try (Database first = Database.embedded(dir)) {
      assertThat(first.stores().deliveries().firstTime("slack:Ev1")).isTrue();
    }
    try (Database second = Database.embedded(dir)) {
      assertThat(second.stores().deliveries().firstTime("slack:Ev1")).isFalse();
      assertThat(second.stores().deliveries().firstTime("slack:Ev2")).isTrue();
    }
  }

  @Test
  void pruneForgetsOnlyOldKeys() {
    JdbcDeliveryLog log = new JdbcDeliveryLog(new Jdbc(database.dataSource()));
    log.firstTime("old");
    log.firstTime("new");
    TestPostgres.execute(
        database, "UPDATE delivery SET at = at - interval '8 days' WHERE key = 'old'");

    assertThat(log.prune(JdbcDeliveryLog.RETENTION)).isEqualTo(1);

    assertThat(log.firstTime("old")).isTrue();
    assertThat(log.firstTime("new")).isFalse();
  }

  @Test
  void callsPruneNowAndThenByThemselves() {
    JdbcDeliveryLog log =
        new JdbcDeliveryLog(new Jdbc(database.dataSource()), Duration.ofDays(7), 3);
    log.firstTime("k0");
    TestPostgres.execute(database, "UPDATE delivery SET at = at - interval '8 days'");

    log.firstTime("k1");
    log.firstTime("k2");
    assertThat(rows()).isEqualTo(3);
    log.firstTime("k3");

    assertThat(rows()).as("the 4th call pruned k0").isEqualTo(3);
    assertThat(log.firstTime("k0")).isTrue();
  }

  private long rows() {
    return new Jdbc(database.dataSource())
        .read(
            "while counting deliveries",
            connection -> {
              try (Statement query = connection.createStatement();
                  ResultSet count = query.executeQuery("SELECT count(*) FROM delivery")) {
                count.next();
                return count.getLong(1);
              }
            });
  }
}
