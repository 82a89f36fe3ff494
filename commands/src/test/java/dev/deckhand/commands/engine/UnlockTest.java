package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.ports.LockStore;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /unlock} lifts the lock it read and only that one (compare-and-delete). */
class UnlockTest {
  private static final Instant AT = Instant.parse("2026-05-19T10:00:00Z");

  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void close() {
    world.close();
  }

  private static LockStore.Lock manual(dev.deckhand.commands.model.Actor owner, String reason) {
    return manual(owner, reason, AT);
  }

  private static LockStore.Lock manual(
      dev.deckhand.commands.model.Actor owner, String reason, Instant since) {
    return new LockStore.Lock("gateway", "staging", owner, reason, 0, "bot-b", since);
  }

  private String awaitText(String containing) {
    return eventually()
        .until(
            () ->
                world.chat.answers().stream()
                    .filter(Reply.Text.class::isInstance)
                    .map(r -> ((Reply.Text) r).text())
                    .filter(t -> t.contains(containing))
                    .findFirst()
                    .orElse(null),
            t -> t != null);
  }

  @Test
  void theLockShownIsLifted() {
    world.policy.acquire(manual(EngineFixture.BOB, "db migration"));

    world.submit("/unlock gateway");

    assertThat(awaitText("unlocked")).isEqualTo("🔓 gateway in staging is unlocked by Alice.");
    assertThat(world.policy.holder("gateway", "staging")).isEmpty();
  }

  @Test
  void aLockTakenMeanwhileIsLeftAndTheAnswerSaysSo() {
    world.policy.acquire(manual(EngineFixture.BOB, "db migration"));
    LockStore.Lock carols = manual(EngineFixture.CAROL, "load test", AT.plusSeconds(5));
    // another replica lifts Bob's lock and Carol locks again, between our read and our delete
    world.policy.afterNextHolderRead(
        () -> {
          world.policy.forceRelease("gateway", "staging");
          world.policy.acquire(carols);
        });

    world.submit("/unlock gateway");

    assertThat(awaitText("changed meanwhile"))
        .isEqualTo(
            "gateway in staging was locked by Bob: db migration, but the lock changed meanwhile:"
                + " it is now locked by Carol: load test. Nothing was lifted; /unlock gateway"
                + " --env staging again to lift this one.");
    assertThat(world.policy.holder("gateway", "staging")).contains(carols);
  }

  @Test
  void theSameHolderLockingAgainIsAnotherLock() {
    world.policy.acquire(manual(EngineFixture.BOB, "db migration"));
    LockStore.Lock again = manual(EngineFixture.BOB, "db migration", AT.plusSeconds(1));
    world.policy.afterNextHolderRead(
        () -> {
          world.policy.forceRelease("gateway", "staging");
          world.policy.acquire(again);
        });

    world.submit("/unlock gateway");

    awaitText("changed meanwhile");
    assertThat(world.policy.holder("gateway", "staging")).contains(again);
  }

  @Test
  void aLockLiftedMeanwhileIsReported() {
    world.policy.acquire(manual(EngineFixture.BOB, "db migration"));
    world.policy.afterNextHolderRead(() -> world.policy.forceRelease("gateway", "staging"));

    world.submit("/unlock gateway");

    assertThat(awaitText("meanwhile"))
        .isEqualTo(
            "gateway in staging was locked by Bob: db migration, but that lock was lifted"
                + " meanwhile; nothing was left to lift.");
  }
}
