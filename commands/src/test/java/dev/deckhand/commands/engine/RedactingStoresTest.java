package dev.deckhand.commands.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.OperationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the engine's stores keep once the redactor has been on the way in. */
class RedactingStoresTest {
  static final String CANARY = "canary-7f3e9a1c-secret";
  static final Actor ALICE = new Actor("console", "alice", "Alice");
  static final Instant NOW = Instant.parse("2026-05-19T10:00:00Z");

  private final InMemoryPolicyStore policy = new InMemoryPolicyStore();
  private final InMemoryStore store = new InMemoryStore(policy);
  private final Engine.Ports stores =
      RedactingStores.around(
          new Engine.Ports(
              null,
              null,
              null,
              store,
              store,
              store,
              policy,
              policy,
              policy,
              null,
              null,
              null,
              dev.deckhand.commands.ports.SqlLedger.NONE,
              dev.deckhand.commands.ports.WebhookClient.NONE,
              dev.deckhand.commands.ports.Builds.NONE,
              dev.deckhand.commands.ports.Metrics.NONE),
          Redactor.of(List.of(CANARY)));

  @Test
  void commandTextStepDetailsBreakGlassAndEndingAreStoredRedacted() {
    long id =
        stores
            .operations()
            .create(
                "deploy",
                ALICE,
                "gateway",
                "prod",
                "/deploy gateway v2 --break-glass \"db at postgres://app:hunter22@db is down\"",
                OperationState.RUNNING,
                List.of(new StepRecord("patch", "set image", StepState.PENDING, CANARY)),
                "C1",
                Map.of("breakGlass", "password=" + CANARY, "summary", "deploy gateway v2"));
    stores
        .operations()
        .update(
            id,
            OperationState.RUNNING,
            List.of(new StepRecord("patch", "set image", StepState.DONE, "token: " + CANARY)));
    assertThat(store.only().commandText())
        .isEqualTo(
            "/deploy gateway v2 --break-glass \"db at postgres://app:‹redacted›@db is down\"");
    assertThat(store.only().steps().get(0).detail()).isEqualTo("token: ‹redacted›");
    assertThat(store.params(id))
        .containsEntry("breakGlass", "password=‹redacted›")
        .containsEntry("summary", "deploy gateway v2");

    stores.operations().updateParams(id, Map.of("breakGlass", CANARY, "planHash", "abc"));
    assertThat(store.params(id)).containsEntry("breakGlass", "‹redacted›");

    stores
        .operations()
        .end(
            id,
            new OperationStore.Ending(
                OperationState.ROLLED_BACK,
                List.of(new StepRecord("patch", "set image", StepState.FAILED, CANARY)),
                null,
                ALICE,
                "gateway",
                "prod",
                "failed: " + CANARY,
                "kept after rollback: " + CANARY));
    assertThat(store.only().toString()).doesNotContain(CANARY);
    assertThat(store.events("result"))
        .singleElement()
        .extracting(e -> e.detail())
        .isEqualTo("failed: ‹redacted›");
    assertThat(policy.holder("gateway", "prod")).isEmpty(); // kept only if it was held
  }

  @Test
  void auditLockAndFreezeReasonsAreStoredRedacted() {
    stores.audit().append(ALICE, "break-glass", "gateway", "prod", 1, "Bearer " + CANARY);
    stores
        .locks()
        .acquire(new LockStore.Lock("gateway", "prod", ALICE, "secret=" + CANARY, 0, "i1", NOW));
    stores.freezes().freeze("prod", NOW.plusSeconds(3600), ALICE, "pwd: " + CANARY);

    assertThat(store.events("break-glass"))
        .singleElement()
        .extracting(e -> e.detail())
        .isEqualTo("Bearer ‹redacted›");
    assertThat(stores.locks().holder("gateway", "prod").orElseThrow().reason())
        .isEqualTo("secret=‹redacted›");
    assertThat(stores.freezes().active("prod", NOW).orElseThrow().reason())
        .isEqualTo("pwd: ‹redacted›");
  }

  @Test
  void aKeptLockReasonIsStoredRedacted() {
    stores
        .locks()
        .acquire(new LockStore.Lock("gateway", "prod", ALICE, "deploy gateway v2", 7, "i1", NOW));
    stores.locks().keep("gateway", "prod", 7, "rolled back; " + CANARY);
    assertThat(policy.holder("gateway", "prod").orElseThrow().reason())
        .isEqualTo("rolled back; ‹redacted›");
  }
}
