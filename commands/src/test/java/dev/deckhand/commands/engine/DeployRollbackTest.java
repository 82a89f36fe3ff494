package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.HEALTH;
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
import dev.deckhand.commands.ports.HealthProbe;
import dev.deckhand.commands.rollout.PodProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deploy whose rollout or verification fails, with and without automatic rollback. */
class DeployRollbackTest {
  private static final PodProblem CRASHING =
      new PodProblem(
          "coachpilot-gateway-7d9f-x2k4l",
          "gateway",
          "CrashLoopBackOff",
          "back-off 40s restarting failed container",
          5);

  @Test
  void aCrashingPodOnceObservedRollsBackToThePreflightRevision() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.cluster.logLines(List.of("starting gateway", "FATAL: missing WEBHOOK_SECRET"));
      world.submit("/deploy gateway " + NEW_TAG);
      long generation = world.awaitSetImage().generation();

      // Not yet observed: the failing pod may belong to the old ReplicaSet, so no verdict.
      world.cluster.push(
          STAGING,
          SnapshotBuilder.from(world.cluster.current(STAGING))
              .unobserved()
              .problem(CRASHING)
              .build());
      eventually()
          .during(Duration.ofMillis(150))
          .until(
              () ->
                  world.cluster.undos().isEmpty()
                      && world.store.only().state() == OperationState.RUNNING);

      world.cluster.failPod(STAGING, CRASHING);
      FakeCluster.Undo undo = world.awaitUndo();
      assertThat(undo.toRevision()).isEqualTo(2);
      long op = world.store.only().id();
      assertThat(undo.cause())
          .isEqualTo("deckhand op " + op + ": automatic rollback to revision 2");
      assertThat(undo.generation()).isGreaterThan(generation);
      world.cluster.rollOut(STAGING);

      OperationRecord done = world.awaitFinished();
      assertThat(done.state()).isEqualTo(OperationState.ROLLED_BACK);
      assertThat(done.steps())
          .extracting(s -> s.name() + "=" + s.state().word())
          .containsExactly(
              "preflight=done",
              "resolve=done",
              "set-image=done",
              "rollout=failed",
              "verify=skipped",
              "rollback=done",
              "rollback-rollout=done");
      assertThat(step(done, "rollout").detail())
          .isEqualTo(
              "pod coachpilot-gateway-7d9f-x2k4l is CrashLoopBackOff:"
                  + " back-off 40s restarting failed container");
      assertThat(world.probe.calls()).isEmpty();
      assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
      assertThat(world.cluster.logRequests()).containsExactly("coachpilot-gateway-7d9f-x2k4l");
      assertThat(world.chat.threads())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.parent()).isEqualTo(world.chat.posts().get(0).ref());
                assertThat(t.reply())
                    .isEqualTo(
                        new Reply.Listing(
                            "CrashLoopBackOff in pod coachpilot-gateway-7d9f-x2k4l (5 restarts);"
                                + " last log lines:",
                            List.of("starting gateway", "FATAL: missing WEBHOOK_SECRET")));
              });
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.ROLLED_BACK);
      assertThat(world.store.timeline().get(0).result()).isEqualTo("rolled-back");
    }
  }

  @Test
  void aRolloutThatNeverEndsTimesOutAndIsRolledBack() throws Exception {
    try (EngineFixture world =
        EngineFixture.builder().rolloutBound(Duration.ofMillis(300)).build()) {
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();

      world.awaitUndo();
      world.cluster.rollOut(STAGING);

      OperationRecord done = world.awaitFinished();
      assertThat(done.state()).isEqualTo(OperationState.ROLLED_BACK);
      assertThat(step(done, "rollout").detail()).startsWith("no verdict after");
      assertThat(step(done, "rollback").state().word()).isEqualTo("done");
      assertThat(step(done, "rollback-rollout").state().word()).isEqualTo("done");
      assertThat(world.chat.threads())
          .extracting(RecordingConversation.Threaded::reply)
          .singleElement()
          .isInstanceOfSatisfying(
              Reply.Text.class,
              t -> assertThat(t.text()).startsWith("Rollout of coachpilot-gateway failed: no"));
      assertThat(world.probe.calls()).isEmpty();
    }
  }

  @Test
  void aRollbackThatNeverEndsEitherLeavesTheOperationFailed() throws Exception {
    try (EngineFixture world =
        EngineFixture.builder().rolloutBound(Duration.ofMillis(300)).build()) {
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();

      OperationRecord done = world.awaitFinished();
      assertThat(done.state()).isEqualTo(OperationState.FAILED);
      assertThat(done.steps())
          .extracting(s -> s.name() + "=" + s.state().word())
          .endsWith("rollout=failed", "verify=skipped", "rollback=done", "rollback-rollout=failed");
      assertThat(step(done, "rollback-rollout").detail()).startsWith("no verdict after");
      assertThat(world.cluster.undos()).hasSize(1);
      assertThat(world.chat.threads()).hasSize(2);
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.FAILED);
    }
  }

  @Test
  void withoutAutomaticRollbackAFailedRolloutStaysFailedAndNothingIsUndone() throws Exception {
    try (EngineFixture world = EngineFixture.builder().autoRollback(false).build()) {
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();
      world.cluster.failPod(
          STAGING,
          new PodProblem("coachpilot-gateway-7d9f-x2k4l", "gateway", "ImagePullBackOff", "", 0));

      OperationRecord done = world.awaitFinished();
      assertThat(done.state()).isEqualTo(OperationState.FAILED);
      assertThat(step(done, "rollout").detail())
          .isEqualTo("pod coachpilot-gateway-7d9f-x2k4l is ImagePullBackOff");
      assertThat(done.steps().subList(4, 7))
          .allSatisfy(
              s -> {
                assertThat(s.state().word()).isEqualTo("skipped");
                assertThat(s.detail()).isEqualTo("automatic rollback is off in staging");
              });
      assertThat(step(done, "rollback").title()).isEqualTo("no automatic rollback in staging");
      assertThat(world.cluster.undos()).isEmpty();
      assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(NEW_TAG));
      assertThat(world.chat.threads())
          .extracting(RecordingConversation.Threaded::reply)
          .containsExactly(
              new Reply.Listing(
                  "ImagePullBackOff in pod coachpilot-gateway-7d9f-x2k4l; no log lines",
                  List.of()));
      assertThat(world.chat.shown().state()).isEqualTo(OperationState.FAILED);
    }
  }

  @Test
  void aHealthCheckFailingEveryAttemptRollsBack() throws Exception {
    try (EngineFixture world = EngineFixture.builder().healthAttempts(3).build()) {
      world.probe.answer(new HealthProbe.Result(false, "503 Service Unavailable"));
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();
      world.cluster.rollOut(STAGING);

      world.awaitUndo();
      world.cluster.rollOut(STAGING);

      OperationRecord done = world.awaitFinished();
      assertThat(done.state()).isEqualTo(OperationState.ROLLED_BACK);
      assertThat(done.steps())
          .extracting(s -> s.name() + "=" + s.state().word())
          .endsWith("rollout=done", "verify=failed", "rollback=done", "rollback-rollout=done");
      assertThat(step(done, "verify").detail()).isEqualTo(HEALTH + ": 503 Service Unavailable");
      assertThat(world.probe.calls()).hasSize(3).containsOnly(HEALTH);
      assertThat(world.cluster.undos())
          .singleElement()
          .extracting(u -> u.toRevision())
          .isEqualTo(2L);
      assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    }
  }

  @Test
  void aHealthProbeThatThrowsCountsAsUnhealthyAndRollsBack() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.probe.failWith(new IllegalArgumentException("invalid URI scheme"));
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitSetImage();
      world.cluster.rollOut(STAGING);

      world.awaitUndo();
      world.cluster.rollOut(STAGING);
      assertThat(world.awaitFinished().state()).isEqualTo(OperationState.ROLLED_BACK);
      assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    }
  }
}
