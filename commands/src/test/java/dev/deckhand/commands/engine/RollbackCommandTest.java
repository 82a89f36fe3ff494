package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.PREVIOUS_TAG;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static dev.deckhand.commands.engine.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.Timeline;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /rollback}: undo watched to the end, an undo the cluster refuses, nothing to undo. */
class RollbackCommandTest {
  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void rollsBackToThePreviousRevision() throws Exception {
    world.submit("/rollback gateway");

    FakeCluster.Undo undo = world.awaitUndo();
    long op = world.store.only().id();
    assertThat(undo.toRevision()).isEqualTo(1);
    assertThat(undo.cause()).isEqualTo("deckhand op " + op + ": Alice rolled back to revision 1");
    world.cluster.rollOut(STAGING);

    OperationRecord done = world.awaitFinished();
    assertThat(done.kind()).isEqualTo("rollback");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly("preflight=done", "undo=done", "rollout=done");
    assertThat(step(done, "undo").detail()).isEqualTo("from revision 2");
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(PREVIOUS_TAG));
    assertThat(world.cluster.setImages()).isEmpty();
    Timeline.Entry entry = world.store.timeline().get(0);
    assertThat(entry.kind()).isEqualTo("rollback");
    assertThat(entry.oldImage()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(entry.newImage()).isEqualTo(pinned(PREVIOUS_TAG));
    assertThat(entry.result()).isEqualTo("succeeded");
    assertThat(world.chat.shown().state()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void anUndoTheClusterRefusesFailsWithItsMessage() throws Exception {
    world.cluster.failUndo(
        new ClusterException(
            "unable to find specified revision 1 in history of coachpilot-gateway"));
    world.submit("/rollback gateway");

    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly("preflight=done", "undo=failed", "rollout=skipped");
    assertThat(step(done, "undo").detail())
        .isEqualTo("unable to find specified revision 1 in history of coachpilot-gateway");
    assertThat(world.cluster.undos()).hasSize(1);
    assertThat(world.cluster.watchers(STAGING)).isZero();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    // The thread reply leaves through the outbox, after the engine is idle.
    eventually().until(() -> !world.chat.threads().isEmpty());
    assertThat(world.chat.threads())
        .extracting(RecordingConversation.Threaded::reply)
        .containsExactly(
            new Reply.Text(
                "Operation "
                    + done.id()
                    + " failed: unable to find specified revision 1 in history of"
                    + " coachpilot-gateway"));
    assertThat(world.store.timeline())
        .singleElement()
        .extracting(e -> e.result())
        .isEqualTo("failed");
    assertThat(world.chat.shown().state()).isEqualTo(OperationState.FAILED);
  }

  @Test
  void aDeploymentWithoutAnEarlierRevisionIsRefusedBeforeAnythingStarts() throws Exception {
    world.cluster.deployment(STAGING, 3, pinned(RUNNING_TAG));
    world.submit("/rollback gateway");

    assertThat(world.awaitAnswer(Reply.Problem.class).problem())
        .isEqualTo("gateway in staging has no earlier revision");
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.cluster.undos()).isEmpty();
  }

  @Test
  void anUnknownRevisionIsRefusedBeforeAnythingStarts() throws Exception {
    world.submit("/rollback gateway --to-revision 7");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("gateway in staging has no revision 7");
    assertThat(p.hint()).startsWith("revisions you can roll back to: 1");
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.cluster.undos()).isEmpty();
  }
}
