package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.OperationStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

@ExtendWith(PostgresExtension.class)
class OperationStoreIT {

  private static final Actor ALICE = new Actor("slack", "U024BE7LH", "Alice \"ops\" Doe");

  private Database database;
  private OperationStore store;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    database = postgres.fresh();
    store = database.stores().operations();
  }

  @Test
  void createdOperationIsFoundWithItsStepsInOrder() {
    Instant before = Instant.now().minusSeconds(1);
    long id = createDeploy(OperationState.RUNNING);

    OperationRecord found = store.find(id).orElseThrow();

    assertThat(found.id()).isEqualTo(id);
    assertThat(found.kind()).isEqualTo("deploy");
    assertThat(found.requester()).isEqualTo(ALICE);
    assertThat(found.service()).isEqualTo("gateway");
    assertThat(found.environment()).isEqualTo("prod");
    assertThat(found.commandText()).isEqualTo("/deploy gateway p10e-mmc-20260519 --env prod");
    assertThat(found.state()).isEqualTo(OperationState.RUNNING);
    assertThat(found.steps()).containsExactlyElementsOf(plan());
    assertThat(found.conversation()).isEqualTo("C123");
    assertThat(found.messageId()).isEmpty();
    assertThat(found.created()).isAfter(before).isEqualTo(found.updated());
  }

  @Test
  void nullServiceEnvironmentAndConversationAreStoredEmpty() {
    long id =
        store.create(
            "whoami",
            ALICE,
            null,
            null,
            "/whoami",
            OperationState.RUNNING,
            List.of(),
            null,
            Map.of());

    OperationRecord found = store.find(id).orElseThrow();

    assertThat(found.service()).isEmpty();
    assertThat(found.environment()).isEmpty();
    assertThat(found.conversation()).isEmpty();
    assertThat(found.steps()).isEmpty();
  }

  @Test
  void paramsReadBackExactlyAsGiven() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("image", "synergygroup/coachpilot-gateway");
    params.put("digest", "sha256:" + "ab".repeat(32));
    params.put("quotes", "say \"hi\" and 'bye' \\ back\\slash \\\"");
    params.put("unicode", "Zürich ✅ 日本語 🚀 e\u0301 \u2028\u2029 \u00a0");
    params.put("controls", "line 1\nline 2\r\n\ttab \u0001\u001f\b\f");
    params.put("json-ish", "{\"a\":[1,2,null]}");
    params.put("", "empty name");
    params.put("empty", "");
    params.put("schlüssel \"🔑\"", "value");
    long id =
        store.create(
            "deploy",
            ALICE,
            "gateway",
            "prod",
            "/deploy gateway x",
            OperationState.RUNNING,
            plan(),
            "C123",
            params);

    assertThat(store.params(id)).isEqualTo(params);
    assertThat(store.params(createDeploy(OperationState.RUNNING)))
        .containsExactly(
            Map.entry("image", "synergygroup/coachpilot-gateway"),
            Map.entry("tag", "p10e-mmc-20260519"));
  }

  @Test
  void updatedParamsReplaceTheEarlierOnesWholly() {
    long id = createDeploy(OperationState.PENDING_APPROVAL);

    store.updateParams(id, Map.of("tag", "p10e-mmc-20260520", "digest", "sha256:ff"));

    assertThat(store.params(id))
        .containsExactly(Map.entry("digest", "sha256:ff"), Map.entry("tag", "p10e-mmc-20260520"));
    assertThat(store.find(id).orElseThrow().steps()).containsExactlyElementsOf(plan());
    assertThatThrownBy(() -> store.updateParams(999_999, Map.of()))
        .isInstanceOf(StoreException.class)
        .hasMessage("while updating the params of operation 999999: no such operation");
  }

  @Test
  void paramsOfAnOperationWithoutAnyAreEmptyAndOfAnUnknownOneFail() {
    long id =
        store.create(
            "whoami",
            ALICE,
            null,
            null,
            "/whoami",
            OperationState.RUNNING,
            List.of(),
            null,
            Map.of());

    assertThat(store.params(id)).isEmpty();
    assertThatThrownBy(() -> store.params(999_999))
        .isInstanceOf(StoreException.class)
        .hasMessage("while reading the params of operation 999999: no such operation");
  }

  @Test
  void whatJsonbCannotHoldBecomesReplacementCharacters() {
    long id =
        store.create(
            "deploy",
            ALICE,
            "gateway",
            "prod",
            "/deploy",
            OperationState.RUNNING,
            List.of(),
            "C1",
            Map.of("nul\0name", "a\0b", "lone", "x\ud800y\udc00z"));

    assertThat(store.params(id))
        .containsOnly(Map.entry("nul\uFFFDname", "a\uFFFDb"), Map.entry("lone", "x\uFFFDy\uFFFDz"));
  }

  @Test
  void operationsOfAVersion1DatabaseHaveNoParamsAfterTheUpgrade(TestPostgres postgres) {
    String name = "upgrade_" + System.nanoTime();
    TestPostgres.execute(postgres.server(), "CREATE DATABASE " + name);
    PGSimpleDataSource v1 = new PGSimpleDataSource();
    v1.setURL(postgres.urlOf(name));
    v1.setUser("postgres");
    Flyway.configure().dataSource(v1).target("1").load().migrate();
    try (Connection connection = v1.getConnection();
        Statement insert = connection.createStatement()) {
      insert.execute(
          "INSERT INTO operation (kind, requester_platform, requester_id, requester_name,"
              + " command_text, state, created, updated)"
              + " VALUES ('deploy', 'slack', 'U1', 'Alice', '/deploy', 'running', now(), now())");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }

    OperationStore upgraded =
        Database.external(postgres.urlOf(name), "postgres", null).stores().operations();

    long id = upgraded.unfinished().get(0).id();
    assertThat(upgraded.params(id)).isEmpty();
  }

  @Test
  void unknownIdIsEmpty() {
    assertThat(store.find(424242)).isEmpty();
  }

  @Test
  void updateReplacesStateAndAllSteps() {
    long id = createDeploy(OperationState.RUNNING);
    List<StepRecord> fewer =
        List.of(
            new StepRecord("resolve", "Resolve the tag", StepState.DONE, "sha256:abc"),
            new StepRecord("rollback", "Roll back", StepState.FAILED, "deadline exceeded"));

    store.update(id, OperationState.ROLLED_BACK, fewer);

    OperationRecord found = store.find(id).orElseThrow();
    assertThat(found.state()).isEqualTo(OperationState.ROLLED_BACK);
    assertThat(found.steps()).containsExactlyElementsOf(fewer);
    assertThat(found.updated()).isAfterOrEqualTo(found.created());
  }

  @Test
  void failedUpdateLeavesTheOldStepsInPlace() {
    long id = createDeploy(OperationState.RUNNING);
    // Make the step insert fail after the old steps were deleted, inside the same transaction.
    TestPostgres.execute(
        database,
        "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name ="
            + " 'boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON operation_step FOR EACH ROW EXECUTE"
            + " FUNCTION refuse_boom()");
    List<StepRecord> failing =
        List.of(
            new StepRecord("resolve", "Resolve", StepState.DONE, ""),
            new StepRecord("boom", "Boom", StepState.RUNNING, ""));

    assertThatThrownBy(() -> store.update(id, OperationState.FAILED, failing))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("while updating operation " + id + ":")
        .hasMessageContaining("boom refused");

    OperationRecord found = store.find(id).orElseThrow();
    assertThat(found.state()).isEqualTo(OperationState.RUNNING);
    assertThat(found.steps()).containsExactlyElementsOf(plan());
  }

  @Test
  void readersNeverSeeHalfReplacedSteps() throws Exception {
    long id = createDeploy(OperationState.RUNNING);
    store.update(id, OperationState.RUNNING, versioned(-1));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer =
          threads.submit(
              () -> {
                for (int version = 0; version < 60; version++) {
                  store.update(id, OperationState.RUNNING, versioned(version));
                }
                writing.set(false);
              });
      Future<Integer> reader =
          threads.submit(
              () -> {
                int reads = 0;
                while (writing.get() || reads == 0) {
                  List<StepRecord> steps = store.find(id).orElseThrow().steps();
                  assertThat(steps).hasSize(4);
                  assertThat(steps)
                      .extracting(StepRecord::detail)
                      .containsOnly(steps.get(0).detail());
                  reads++;
                }
                return reads;
              });
      writer.get(30, TimeUnit.SECONDS);
      assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void updateOfUnknownOperationFailsWithContext() {
    assertThatThrownBy(() -> store.update(999_999, OperationState.FAILED, List.of()))
        .isInstanceOf(StoreException.class)
        .hasMessage("while updating operation 999999: no such operation");
  }

  @Test
  void attachMessageRecordsTheLiveMessage() {
    long id = createDeploy(OperationState.RUNNING);

    store.attachMessage(id, "1716201234.000200");

    OperationRecord found = store.find(id).orElseThrow();
    assertThat(found.messageId()).isEqualTo("1716201234.000200");
    assertThat(found.steps()).containsExactlyElementsOf(plan());
    assertThatThrownBy(() -> store.attachMessage(999_999, "x"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("operation 999999");
  }

  @Test
  void unfinishedListsRunningAndPendingOldestFirst() {
    long pending = createDeploy(OperationState.PENDING_APPROVAL);
    long succeeded = createDeploy(OperationState.RUNNING);
    long running = createDeploy(OperationState.RUNNING);
    long rejected = createDeploy(OperationState.REJECTED);
    store.update(succeeded, OperationState.SUCCEEDED, plan());

    List<OperationRecord> unfinished = store.unfinished();

    assertThat(unfinished).extracting(OperationRecord::id).containsExactly(pending, running);
    assertThat(unfinished.get(0).steps()).containsExactlyElementsOf(plan());
    assertThat(unfinished.get(1).state()).isEqualTo(OperationState.RUNNING);
    assertThat(rejected).isNotIn(pending, running);
  }

  @Test
  void anEndingWritesStateTimelineAuditAndLockInOneTransactionOnce() {
    long id = createDeploy(OperationState.RUNNING);
    var stores = database.stores();
    stores
        .locks()
        .acquire(
            new dev.deckhand.commands.ports.LockStore.Lock(
                "gateway", "prod", ALICE, "deploy", id, "me", Instant.now()));
    List<StepRecord> done =
        plan().stream()
            .map(s -> s.with(dev.deckhand.commands.operation.StepState.DONE, ""))
            .toList();
    var ending =
        new OperationStore.Ending(
            OperationState.SUCCEEDED,
            done,
            new dev.deckhand.commands.ports.Timeline.Entry(
                id,
                "deploy",
                ALICE,
                "gateway",
                "prod",
                "old",
                "new",
                java.time.Duration.ofSeconds(3),
                "succeeded",
                Instant.now()),
            ALICE,
            "gateway",
            "prod",
            "deploy gateway v1: succeeded",
            null);

    assertThat(store.end(id, ending)).isTrue();
    assertThat(store.end(id, ending)).isFalse();

    assertThat(store.find(id).orElseThrow().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(store.find(id).orElseThrow().steps()).containsExactlyElementsOf(done);
    assertThat(stores.timeline().recent("gateway", "prod", 10)).hasSize(1);
    assertThat(stores.audit().recent("gateway", 10))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("deploy gateway v1: succeeded"));
    assertThat(stores.locks().holder("gateway", "prod")).isEmpty();
    assertThat(stores.auditVerifier().verify().valid()).isTrue();
  }

  @Test
  void anEndingThatKeepsTheLockTurnsItIntoAManualOne() {
    long id = createDeploy(OperationState.RUNNING);
    var locks = database.stores().locks();
    locks.acquire(
        new dev.deckhand.commands.ports.LockStore.Lock(
            "gateway", "prod", ALICE, "deploy", id, "me", Instant.now()));

    store.end(
        id,
        new OperationStore.Ending(
            OperationState.ROLLED_BACK,
            plan(),
            null,
            ALICE,
            "gateway",
            "prod",
            "rolled back",
            "kept"));

    var holder = locks.holder("gateway", "prod").orElseThrow();
    assertThat(holder.operationId()).isZero();
    assertThat(holder.reason()).isEqualTo("kept");
  }

  @Test
  void anEndingReleasesTheLocksOfEveryServiceOfARelease() {
    long id = createDeploy(OperationState.RUNNING);
    var locks = database.stores().locks();
    for (String service : List.of("gateway", "dashboard", "quiz")) {
      locks.acquire(
          new dev.deckhand.commands.ports.LockStore.Lock(
              service, "prod", ALICE, "deploy-all", id, "me", Instant.now()));
    }
    locks.acquire(
        new dev.deckhand.commands.ports.LockStore.Lock(
            "agent", "prod", ALICE, "db maintenance", 0, "me", Instant.now()));

    store.end(
        id,
        new OperationStore.Ending(
            OperationState.SUCCEEDED,
            plan(),
            null,
            ALICE,
            "gateway",
            "prod",
            "deploy-all v1: succeeded",
            null,
            List.of("gateway", "dashboard", "quiz", "agent")));

    assertThat(locks.all())
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).isEqualTo("db maintenance"));
  }

  @Test
  void anEndingOfAMissingOperationWritesNothing() {
    var audit = database.stores().audit();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                store.end(
                    999,
                    new OperationStore.Ending(
                        OperationState.FAILED, plan(), null, ALICE, "gateway", "prod", "x", null)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("operation 999 does not exist");
    assertThat(audit.recent(null, 10)).isEmpty();
  }

  private long createDeploy(OperationState state) {
    return store.create(
        "deploy",
        ALICE,
        "gateway",
        "prod",
        "/deploy gateway p10e-mmc-20260519 --env prod",
        state,
        plan(),
        "C123",
        Map.of("image", "synergygroup/coachpilot-gateway", "tag", "p10e-mmc-20260519"));
  }

  private static List<StepRecord> plan() {
    return List.of(
        new StepRecord("resolve", "Resolve p10e-mmc-20260519", StepState.DONE, "sha256:1234"),
        new StepRecord("approve", "Approval from release-managers", StepState.DONE, ""),
        new StepRecord("set-image", "Set image on gateway", StepState.RUNNING, ""),
        new StepRecord("verify", "Verify health", StepState.PENDING, "line 1\nline 2 ✅"));
  }

  private static List<StepRecord> versioned(int version) {
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord step : plan()) {
      steps.add(step.with(StepState.RUNNING, "v" + version));
    }
    return steps;
  }
}
