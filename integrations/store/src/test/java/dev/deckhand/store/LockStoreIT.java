package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.LockStore.Lock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class LockStoreIT {

  private static final Actor ALICE = new Actor("slack", "U1", "Alice");
  private static final Actor BOB = new Actor("slack", "U2", "Bob");
  private static final Instant SINCE = Instant.parse("2026-05-19T10:15:30.123456789Z");

  private Database database;
  private LockStore locks;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    database = postgres.fresh();
    locks = database.stores().locks();
  }

  @Test
  void freeLockIsTakenAndReadBack() {
    Lock lock = deployLock("gateway", "prod", 12, ALICE);

    assertThat(locks.acquire(lock)).isEmpty();

    assertThat(locks.holder("gateway", "prod"))
        .contains(
            new Lock(
                "gateway",
                "prod",
                ALICE,
                "deploy v2",
                12,
                "bot-a",
                Instant.parse("2026-05-19T10:15:30.123456Z")));
    assertThat(locks.holder("gateway", "staging")).isEmpty();
  }

  @Test
  void heldLockReturnsItsHolder() {
    locks.acquire(deployLock("gateway", "prod", 12, ALICE));

    Optional<Lock> refused = locks.acquire(deployLock("gateway", "prod", 13, BOB));

    assertThat(refused).map(Lock::operationId).contains(12L);
    assertThat(refused).map(Lock::owner).contains(ALICE);
    assertThat(locks.acquire(deployLock("gateway", "staging", 14, BOB))).isEmpty();
  }

  @Test
  void onlyTheHoldingOperationReleases() {
    locks.acquire(deployLock("gateway", "prod", 12, ALICE));

    assertThat(locks.release("gateway", "prod", 13)).isFalse();
    assertThat(locks.release("gateway", "prod", 0)).isFalse();
    assertThat(locks.holder("gateway", "prod")).isPresent();

    assertThat(locks.release("gateway", "prod", 12)).isTrue();
    assertThat(locks.holder("gateway", "prod")).isEmpty();
    assertThat(locks.release("gateway", "prod", 12)).isFalse();
  }

  @Test
  void manualLockIsReleasedAsOperationZero() {
    locks.acquire(new Lock("gateway", "prod", BOB, "db migration", 0, "bot-a", SINCE));

    assertThat(locks.release("gateway", "prod", 12)).isFalse();
    assertThat(locks.release("gateway", "prod", 0)).isTrue();
  }

  @Test
  void keepTurnsTheOperationsLockIntoAManualOne() {
    locks.acquire(deployLock("gateway", "prod", 12, ALICE));

    locks.keep("gateway", "prod", 12, "rolled back: investigate before deploying again");

    Lock kept = locks.holder("gateway", "prod").orElseThrow();
    assertThat(kept.operationId()).isZero();
    assertThat(kept.reason()).isEqualTo("rolled back: investigate before deploying again");
    assertThat(kept.owner()).isEqualTo(ALICE);
    assertThat(kept.since()).isEqualTo(Instant.parse("2026-05-19T10:15:30.123456Z"));
    assertThat(locks.release("gateway", "prod", 12)).isFalse();
    assertThat(locks.holder("gateway", "prod")).isPresent();
  }

  @Test
  void keepByAnOperationNotHoldingTheLockChangesNothing() {
    Lock held = deployLock("gateway", "prod", 12, ALICE);
    locks.acquire(held);

    locks.keep("gateway", "prod", 13, "not mine");
    locks.keep("gateway", "staging", 12, "no lock there");

    assertThat(locks.holder("gateway", "prod")).map(Lock::operationId).contains(12L);
    assertThat(locks.holder("gateway", "staging")).isEmpty();
  }

  @Test
  void forceReleaseFreesAnyLock() {
    locks.acquire(deployLock("gateway", "prod", 12, ALICE));
    locks.acquire(new Lock("api", "prod", BOB, "manual", 0, "bot-a", SINCE));

    assertThat(locks.forceRelease("gateway", "prod")).isTrue();
    assertThat(locks.forceRelease("gateway", "prod")).isFalse();

    assertThat(locks.all()).extracting(Lock::service).containsExactly("api");
  }

  @Test
  void releaseIfUnchangedLiftsTheLockAsReadAndOnlyOnce() {
    locks.acquire(new Lock("api", "prod", BOB, "manual", 0, "bot-a", SINCE));
    Lock shown = locks.holder("api", "prod").orElseThrow();

    assertThat(locks.releaseIfUnchanged(shown)).isTrue();
    assertThat(locks.releaseIfUnchanged(shown)).isFalse();
    assertThat(locks.holder("api", "prod")).isEmpty();
  }

  @Test
  void releaseIfUnchangedLeavesALockTakenOrChangedSince() {
    locks.acquire(new Lock("api", "prod", BOB, "manual", 0, "bot-a", SINCE));
    Lock shown = locks.holder("api", "prod").orElseThrow();
    // lifted and taken again by someone else: same service, same reason, another holder
    locks.forceRelease("api", "prod");
    locks.acquire(new Lock("api", "prod", ALICE, "manual", 0, "bot-b", SINCE));
    assertThat(locks.releaseIfUnchanged(shown)).isFalse();
    // the same person again, a moment later
    locks.forceRelease("api", "prod");
    locks.acquire(new Lock("api", "prod", BOB, "manual", 0, "bot-b", SINCE.plusMillis(1)));
    assertThat(locks.releaseIfUnchanged(shown)).isFalse();
    assertThat(locks.holder("api", "prod")).map(Lock::owner).contains(BOB);

    // an operation's lock kept as a manual one after a rollback is a change too
    locks.acquire(deployLock("gateway", "prod", 12, ALICE));
    Lock running = locks.holder("gateway", "prod").orElseThrow();
    locks.keep("gateway", "prod", 12, "rolled back");
    assertThat(locks.releaseIfUnchanged(running)).isFalse();
    assertThat(locks.holder("gateway", "prod")).map(Lock::reason).contains("rolled back");
  }

  @Test
  void releaseIfUnchangedMatchesALockWithoutOwner() {
    locks.acquire(new Lock("gateway", "prod", null, null, 0, null, null));
    Lock shown = locks.holder("gateway", "prod").orElseThrow();

    assertThat(locks.releaseIfUnchanged(shown)).isTrue();
  }

  @Test
  void allListsByServiceAndEnvironment() {
    locks.acquire(deployLock("gateway", "staging", 2, ALICE));
    locks.acquire(deployLock("api", "prod", 3, ALICE));
    locks.acquire(deployLock("gateway", "prod", 1, BOB));

    assertThat(locks.all())
        .extracting(l -> l.service() + "/" + l.environment())
        .containsExactly("api/prod", "gateway/prod", "gateway/staging");
  }

  @Test
  void missingSinceTakesTheDatabaseClock() {
    Instant before = Instant.now().minusSeconds(60);

    locks.acquire(new Lock("gateway", "prod", null, null, 0, null, null));

    Lock held = locks.holder("gateway", "prod").orElseThrow();
    assertThat(held.since()).isAfter(before);
    assertThat(held.owner()).isNull();
    assertThat(held.reason()).isEmpty();
  }

  @Test
  void ofTwoProcessesRacingForALockExactlyOneTakesIt() throws Exception {
    try (Database other = Database.external(database.jdbcUrl(), "postgres", null)) {
      LockStore mine = locks;
      LockStore theirs = other.stores().locks();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 25; round++) {
          String service = "svc-" + round;
          Lock a = new Lock(service, "prod", ALICE, "a", 100 + round, "bot-a", SINCE);
          Lock b = new Lock(service, "prod", BOB, "b", 200 + round, "bot-b", SINCE);
          CyclicBarrier start = new CyclicBarrier(2);
          Future<Optional<Lock>> first =
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return mine.acquire(a);
                  });
          Future<Optional<Lock>> second =
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return theirs.acquire(b);
                  });
          Optional<Lock> aSaw = first.get(30, TimeUnit.SECONDS);
          Optional<Lock> bSaw = second.get(30, TimeUnit.SECONDS);

          assertThat(aSaw.isEmpty())
              .as("round %d: exactly one acquires", round)
              .isNotEqualTo(bSaw.isEmpty());
          Lock winner = aSaw.isEmpty() ? a : b;
          Optional<Lock> loserSaw = aSaw.isEmpty() ? bSaw : aSaw;
          assertThat(loserSaw).map(Lock::operationId).contains(winner.operationId());
          assertThat(locks.holder(service, "prod")).map(Lock::instance).contains(winner.instance());
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private static Lock deployLock(String service, String environment, long op, Actor owner) {
    return new Lock(service, environment, owner, "deploy v2", op, "bot-a", SINCE);
  }
}
