package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Failures of a port or of the engine itself: the user hears of each, the bot keeps going. */
class EngineErrorTest {

  @Test
  void aRefusedSetImageFailsTheOperationAndUndoesNothing() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.cluster.failSetImage(
          new ClusterException(
              "admission webhook denied the patch of coachpilot/coachpilot-gateway"));
      world.submit("/deploy gateway " + NEW_TAG);

      OperationRecord done = world.awaitFinished();
      assertThat(done.state()).isEqualTo(OperationState.FAILED);
      assertThat(done.steps())
          .extracting(s -> s.name() + "=" + s.state().word())
          .containsExactly(
              "preflight=done",
              "resolve=done",
              "set-image=failed",
              "rollout=skipped",
              "verify=skipped",
              "rollback=skipped",
              "rollback-rollout=skipped");
      assertThat(step(done, "set-image").detail())
          .isEqualTo("admission webhook denied the patch of coachpilot/coachpilot-gateway");
      assertThat(world.cluster.setImages()).hasSize(1);
      assertThat(world.cluster.undos()).isEmpty();
      assertThat(world.cluster.watchers(STAGING)).isZero();
      assertThat(world.probe.calls()).isEmpty();
      assertThat(world.chat.threads())
          .extracting(RecordingConversation.Threaded::reply)
          .containsExactly(
              new Reply.Text(
                  "Operation "
                      + done.id()
                      + " failed: admission webhook denied the patch of"
                      + " coachpilot/coachpilot-gateway"));
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.FAILED);
      assertThat(world.store.timeline())
          .singleElement()
          .extracting(e -> e.result())
          .isEqualTo("failed");
    }
  }

  @Test
  void anUnexpectedErrorIsAnInternalErrorWithAReferenceAndTheBotGoesOn() {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.cluster.failReads(new IllegalStateException("informer cache corrupted"));
      world.submit("/deploy gateway " + NEW_TAG);

      assertThat(world.awaitAnswer(Reply.InternalError.class).reference()).matches("[0-9a-f]{8}");
      assertThat(world.store.operations()).isEmpty();
      assertThat(world.cluster.setImages()).isEmpty();

      world.submit("/whoami");
      assertThat(world.awaitAnswer(Reply.Listing.class).lines())
          .containsExactly(
              "user: Alice (console id alice)",
              "person: console:alice (linked to no one; the catalog's people: section links ids"
                  + " across platforms)",
              "role developers: deploy:*, migrate:*, rollback:*, restart:*, scale:*, pause:*, resume:*, lock:staging,"
                  + " freeze:staging");
      assertThat(world.chat.answers()).hasSize(2);
    }
  }

  @Test
  void aLiveMessageThatCannotBePostedChangesNothing() {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.chat.failPosts(r -> r instanceof Reply.Operation);
      world.submit("/deploy gateway " + NEW_TAG);

      assertThat(world.awaitAnswer(Reply.InternalError.class).reference()).matches("[0-9a-f]{8}");
      assertThat(world.cluster.setImages()).isEmpty();
      assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    }
  }

  @Test
  void anOperationWhoseLiveMessageCannotBePostedDoesNotStayRunning() {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.chat.failPosts(r -> r instanceof Reply.Operation);
      world.submit("/deploy gateway " + NEW_TAG);

      world.awaitAnswer(Reply.InternalError.class);
      assertThat(world.store.operations())
          .allSatisfy(op -> assertThat(op.state().isFinal()).isTrue());
      assertThat(world.store.unfinished()).isEmpty();
    }
  }

  @Test
  void aFullQueueAnswersBusy() {
    try (EngineFixture world = EngineFixture.builder().pool(1, 1).build()) {
      CountDownLatch release = holdTheOnlyWorker(world);
      world.submit("/whoami");
      world.submit("/whoami", "delivery-busy");

      assertThat(world.awaitAnswer(Reply.Problem.class))
          .isEqualTo(new Reply.Problem("Deckhand is busy right now", "try again in a minute"));
      release.countDown();
      eventually().until(() -> whoAmIAnswers(world) == 1);
    }
  }

  @Test
  void aDeliveryRefusedAsBusyRunsWhenItIsDeliveredAgain() {
    try (EngineFixture world = EngineFixture.builder().pool(1, 1).build()) {
      CountDownLatch release = holdTheOnlyWorker(world);
      world.submit("/whoami");
      world.submit("/whoami", "delivery-busy");
      world.awaitAnswer(Reply.Problem.class);
      release.countDown();
      eventually().until(() -> whoAmIAnswers(world) == 1);

      world.submit("/whoami", "delivery-busy");
      eventually().until(() -> whoAmIAnswers(world) == 2);
    }
  }

  /** Starts a /status whose first cluster read blocks until the returned latch is released. */
  private static CountDownLatch holdTheOnlyWorker(EngineFixture world) {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    world.cluster.onRead(
        () -> {
          if (first.getAndSet(false)) {
            entered.countDown();
            try {
              release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    world.submit("/status");
    eventually().until(() -> entered.getCount() == 0);
    return release;
  }

  private static long whoAmIAnswers(EngineFixture world) {
    return world.chat.answers().stream()
        .filter(r -> r instanceof Reply.Listing l && l.title().equals("Who you are"))
        .count();
  }
}
