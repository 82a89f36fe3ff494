package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One change at a time per deployment, and the target is free again once a change ends. */
class TargetLockTest {
  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aSecondChangeWhileADeployRunsIsRefusedAndTheTargetIsFreedAfterwards() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG);
    world.awaitSetImage();
    long op = world.store.only().id();

    world.submit("/rollback gateway");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo(
            "gateway in staging is locked by Alice for op "
                + op
                + " (deploy gateway "
                + NEW_TAG
                + ")");
    assertThat(world.store.operations()).hasSize(1);
    assertThat(world.cluster.undos()).isEmpty();

    world.cluster.rollOut(STAGING);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);

    world.submit("/rollback gateway");
    world.awaitUndo();
    assertThat(world.store.operations()).hasSize(2);
  }

  @Test
  void aDeployRefusedBeforeItStartsLeavesTheTargetFree() throws Exception {
    world.submit("/deploy gateway " + RUNNING_TAG);
    world.awaitAnswer(Reply.Text.class);
    world.submit("/deploy gateway p10e-mmc-2027");
    world.awaitAnswer(Reply.Problem.class);
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();

    world.submit("/deploy gateway " + NEW_TAG);
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
  }
}
