package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.HEALTH;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static dev.deckhand.commands.engine.EngineFixture.step;
import static dev.deckhand.commands.engine.EngineFixture.stepState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Timeline;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deploy that goes well, and the things that must not make it go well too early or twice. */
class DeployFlowTest {
  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void deploysTheOneTagAPrefixNamesWatchesVerifiesAndRecords() throws Exception {
    world.submit("/deploy gateway p10e-mmc-20260519");

    FakeCluster.SetImage set = world.awaitSetImage();
    assertThat(set.target()).isEqualTo(STAGING);
    assertThat(set.image()).isEqualTo(pinned(NEW_TAG)).matches(".*:" + NEW_TAG + "@sha256:.{64}");
    long op = world.store.only().id();
    assertThat(set.cause()).isEqualTo("deckhand op " + op + ": Alice deployed " + NEW_TAG);
    world.cluster.push(
        STAGING,
        SnapshotBuilder.from(world.cluster.current(STAGING)).observed().rolling(1).build());
    world.cluster.rollOut(STAGING);

    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.kind()).isEqualTo("deploy");
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly(
            "preflight=done",
            "resolve=done",
            "set-image=done",
            "rollout=done",
            "verify=done",
            "rollback=skipped",
            "rollback-rollout=skipped");
    assertThat(step(done, "preflight").detail()).isEqualTo("revision 2, running " + RUNNING_TAG);
    assertThat(step(done, "resolve").detail()).startsWith(NEW_TAG + "@sha256:");
    assertThat(step(done, "rollout").detail()).isEqualTo("3 replicas available");
    assertThat(step(done, "verify").detail()).isEqualTo("healthy");
    assertThat(world.probe.calls()).containsExactly(HEALTH);
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(world.cluster.setImages()).hasSize(1);

    Timeline.Entry entry = world.store.timeline().get(0);
    assertThat(world.store.timeline()).hasSize(1);
    assertThat(entry.operationId()).isEqualTo(op);
    assertThat(entry.kind()).isEqualTo("deploy");
    assertThat(entry.actor()).isEqualTo(ALICE);
    assertThat(entry.oldImage()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(entry.newImage()).isEqualTo(pinned(NEW_TAG));
    assertThat(entry.result()).isEqualTo("succeeded");
    assertThat(world.store.events("result"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.operationId()).isEqualTo(op);
              assertThat(e.service()).isEqualTo("gateway");
              assertThat(e.environment()).isEqualTo("staging");
              assertThat(e.detail()).startsWith("deploy gateway " + NEW_TAG + ": succeeded");
            });

    Reply.Operation first = (Reply.Operation) world.chat.posts().get(0).reply();
    assertThat(first.state()).isEqualTo(OperationState.RUNNING);
    Reply.Operation last =
        (Reply.Operation) world.chat.edits().get(world.chat.edits().size() - 1).reply();
    assertThat(last.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(last.id()).isEqualTo(op);
    assertThat(last.steps()).isEqualTo(done.steps());
    assertThat(world.chat.answers()).isEmpty();
    assertThat(world.chat.threads()).isEmpty();
  }

  @Test
  void ignoresACompleteLookingSnapshotOfAnOlderGeneration() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG);
    long generation = world.awaitSetImage().generation();

    world.cluster.push(
        STAGING,
        SnapshotBuilder.snapshot()
            .generation(generation - 1)
            .revision(2)
            .image(pinned(RUNNING_TAG))
            .build());

    eventually()
        .during(Duration.ofMillis(150))
        .until(
            () ->
                world.store.only().state() == OperationState.RUNNING
                    && stepState(world.store.only(), "rollout") == StepState.RUNNING);
    assertThat(world.probe.calls()).isEmpty();

    world.cluster.push(
        STAGING,
        SnapshotBuilder.snapshot()
            .generation(generation)
            .revision(3)
            .image(pinned(NEW_TAG))
            .build());
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void aRepeatedDeliveryRunsOnce() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG, "slack-event-1");
    world.submit("/deploy gateway " + NEW_TAG, "slack-event-1");

    world.awaitSetImage();
    world.cluster.rollOut(STAGING);

    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.store.operations()).hasSize(1);
    assertThat(world.cluster.setImages()).hasSize(1);
    assertThat(world.store.events("command")).hasSize(1);
    assertThat(world.chat.posts()).hasSize(1);
  }
}
