package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.AuditLog.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AuditLogIT {

  private static final Actor CAROL = new Actor("slack", "U0CAROL", "carol");

  private TestPostgres postgres;
  private Database database;
  private AuditLog audit;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    this.postgres = postgres;
    database = postgres.fresh();
    audit = database.stores().audit();
  }

  @Test
  void appendedEventsReadBackNewestFirstWithSeqTimeAndHash() {
    Instant before = Instant.now().minusSeconds(5);
    audit.append(CAROL, "command", "gateway", "prod", 12, "/deploy gateway v1 --env prod");
    audit.append(null, "step", "gateway", "prod", 12, "set-image done");

    List<Event> recent = audit.recent(null, 10);

    assertThat(recent).extracting(Event::seq).containsExactly(2L, 1L);
    Event first = recent.get(1);
    assertThat(first.actor()).isEqualTo(CAROL);
    assertThat(first.action()).isEqualTo("command");
    assertThat(first.service()).isEqualTo("gateway");
    assertThat(first.environment()).isEqualTo("prod");
    assertThat(first.operationId()).isEqualTo(12);
    assertThat(first.detail()).isEqualTo("/deploy gateway v1 --env prod");
    assertThat(first.at()).isAfter(before).isBeforeOrEqualTo(recent.get(0).at());
    assertThat(first.hash()).hasSize(64).isNotEqualTo(recent.get(0).hash());
    assertThat(recent.get(0).actor()).as("the system").isNull();
  }

  @Test
  void theRowRecordsThePersonBesideThePlatformId() {
    Actor bobOnDiscord = new Actor("discord", "4242", "bobby").withPerson("bob");
    audit.append(bobOnDiscord, "approve", "gateway", "prod", 12, "plan-1");
    audit.append(CAROL, "command", "gateway", "prod", 0, "/status");

    List<Event> recent = audit.recent(null, 10);

    assertThat(recent.get(1).actor()).isEqualTo(bobOnDiscord);
    assertThat(recent.get(1).actor().person()).isEqualTo("bob");
    assertThat(recent.get(1).actor().id()).isEqualTo("4242");
    assertThat(recent.get(0).actor().person()).as("an unlinked id").isEqualTo("slack:U0CAROL");
    assertThat(database.stores().auditVerifier().verify().valid()).isTrue();
  }

  @Test
  void eventsWithoutOperationServiceOrDetailReadBackAsZeroAndEmpty() {
    audit.append(null, "startup", null, null, 0, null);

    Event event = audit.recent(null, 1).get(0);

    assertThat(event.operationId()).isZero();
    assertThat(event.service()).isEmpty();
    assertThat(event.environment()).isEmpty();
    assertThat(event.detail()).isEmpty();
  }

  @Test
  void nulCharactersFromChatDoNotFailTheAppend() {
    audit.append(CAROL, "command", "gateway", "prod", 1, "/deploy gate\0way");

    assertThat(audit.recent(null, 1).get(0).detail()).isEqualTo("/deploy gate\uFFFDway");
    assertThat(database.stores().auditVerifier().verify().valid()).isTrue();
  }

  @Test
  void recentFiltersByServiceAndLimits() {
    for (int i = 1; i <= 4; i++) {
      audit.append(CAROL, "command", "gateway", "prod", i, "g" + i);
      audit.append(CAROL, "command", "dashboard", "prod", 100 + i, "d" + i);
    }

    assertThat(audit.recent("gateway", 3))
        .extracting(Event::detail)
        .containsExactly("g4", "g3", "g2");
    assertThat(audit.recent("dashboard", 10)).hasSize(4);
    assertThat(audit.recent(null, 5)).extracting(Event::seq).containsExactly(8L, 7L, 6L, 5L, 4L);
    assertThat(audit.recent("nothing", 5)).isEmpty();
    assertThat(audit.recent(null, 0)).isEmpty();
  }

  @Test
  void updateDeleteAndTruncateAreRefused() {
    audit.append(CAROL, "command", "gateway", "prod", 1, "original");

    for (String sql :
        List.of("UPDATE audit SET detail = 'forged'", "DELETE FROM audit", "TRUNCATE audit")) {
      assertThatThrownBy(() -> TestPostgres.execute(database, sql))
          .as(sql)
          .hasMessageContaining("audit is append-only");
    }
    assertThat(audit.recent(null, 5)).extracting(Event::detail).containsExactly("original");
  }

  @Test
  void concurrentAppendersFromSeveralDataSourcesKeepOneValidChain() throws Exception {
    // Two Database objects on one database stand for two bot processes.
    Database other = Database.external(postgres.urlOf(databaseName()), "postgres", null);
    List<AuditLog> appenders = List.of(audit, other.stores().audit());
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AuditLog log = appenders.get(t % 2);
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    log.append(CAROL, "step", "svc" + thread, "prod", thread, "n" + i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Event> all = audit.recent(null, 1000);
    assertThat(all)
        .extracting(Event::seq)
        .containsExactlyElementsOf(
            LongStream.rangeClosed(1, threads * perThread)
                .map(i -> threads * perThread + 1 - i)
                .boxed()
                .toList());
    AuditVerifier.Result result = database.stores().auditVerifier().verify();
    assertThat(result.problem()).isEmpty();
    assertThat(result.rowsChecked()).isEqualTo(threads * perThread);
    assertThat(result.lastSeq()).isEqualTo(threads * perThread);
    assertThat(result.lastHash()).isEqualTo(all.get(0).hash());
  }

  private String databaseName() {
    String url = database.jdbcUrl();
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
