package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.LockStore;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lock whose operation ended (or vanished) while the bot was down is recovered at start. */
class ResumeLocksTest {
  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void locksOfEndedOperationsAreReleasedAndManualLocksStay() {
    Actor alice = EngineFixture.ALICE;
    Instant at = Instant.parse("2026-05-19T10:00:00Z");
    world.policy.acquire(
        new LockStore.Lock("gateway", "prod", alice, "deploy x", 99, "dead-process", at));
    world.policy.acquire(
        new LockStore.Lock("quiz", "staging", alice, "db migration", 0, "dead-process", at));

    assertThat(world.engine.resume()).isZero();

    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
    assertThat(world.policy.holder("quiz", "staging"))
        .hasValueSatisfying(l -> assertThat(l.reason()).isEqualTo("db migration"));
  }

  @Test
  void aLockOfAnOperationThatCannotBeResumedHereCanBeLifted() {
    long op =
        world.store.create(
            "deploy",
            EngineFixture.ALICE,
            "gateway",
            "staging",
            "/deploy gateway x",
            dev.deckhand.commands.operation.OperationState.RUNNING,
            java.util.List.of(),
            "a-channel-nobody-serves",
            java.util.Map.of());
    world.policy.acquire(
        new LockStore.Lock(
            "gateway", "staging", EngineFixture.ALICE, "deploy x", op, "dead", Instant.EPOCH));
    assertThat(world.engine.resume()).isZero();
    assertThat(world.policy.holder("gateway", "staging")).isPresent();

    world.submit("/unlock gateway");
    eventually().until(() -> world.policy.holder("gateway", "staging").isEmpty());
  }
}
