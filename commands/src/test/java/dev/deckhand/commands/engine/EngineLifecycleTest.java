package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Waiting for the engine to be idle, and delivering final states through a rate-limited chat. */
class EngineLifecycleTest {
  private static final Predicate<Reply> FINAL =
      r -> r instanceof Reply.Operation op && op.state().isFinal();

  @Test
  void awaitIdleIsFalseWhileAnOperationRunsAndTrueOnceItEnded() throws Exception {
    try (EngineFixture world =
        EngineFixture.builder().rolloutBound(Duration.ofSeconds(30)).build()) {
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();

      assertThat(world.engine.awaitIdle(Duration.ofMillis(200))).isFalse();
      assertThat(world.engine.runs().runningCount()).isEqualTo(1);

      world.cluster.rollOut(STAGING);
      assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(world.engine.runs().runningCount()).isZero();
      assertThat(world.store.only().state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.SUCCEEDED);
    }
  }

  @Test
  void theFinalStateIsDeliveredAfterRateLimitedEditsOfIt() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.chat.failEdits(4, FINAL);
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();
      world.cluster.rollOut(STAGING);

      assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(world.chat.failedEdits()).isEqualTo(4);
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(world.chat.edits().stream().filter(e -> FINAL.test(e.reply()))).hasSize(1);
    }
  }

  @Test
  void theFinalStateIsDeliveredAfterRateLimitedEditsOfEarlierStates() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.chat.failEdits(3, r -> true);
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();
      eventually().until(() -> world.chat.failedEdits() >= 1);
      world.cluster.rollOut(STAGING);

      assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
      assertThat(world.chat.failedEdits()).isEqualTo(3);
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.SUCCEEDED);
    }
  }

  @Test
  void theFinalStateGetsItsOwnAttemptsAfterFailedProgressEdits() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      // 12 failures in all: at least one of a progress edit, so the final state fails < 12 times.
      world.chat.failEdits(12, r -> true);
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();
      eventually().until(() -> world.chat.failedEdits() >= 1);
      world.cluster.rollOut(STAGING);

      eventually()
          .atMost(Duration.ofSeconds(8))
          .until(() -> world.chat.shown().state() == OperationState.SUCCEEDED);
    }
  }
}
