package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.PROD;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Timeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first kinds built on the SPI only: restart, scale, pause and resume. */
class KindsTest {
  private final EngineFixture world = EngineFixture.builder().healthAttempts(0).build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aRestartSetsRestartedAtOnThePodTemplateAndWatchesTheRollout() throws Exception {
    world.submit("/restart gateway --env staging");
    eventually()
        .until(() -> world.cluster.patches().size() == 1 && world.cluster.watchers(STAGING) == 1);
    assertThat(world.cluster.patches().get(0).what()).isEqualTo("restart 2026-05-19T10:00:00Z");
    assertThat(world.cluster.current(STAGING).restartedAt()).isEqualTo("2026-05-19T10:00:00Z");
    world.cluster.rollOut(STAGING);

    OperationRecord done = world.awaitFinished();
    assertThat(done.kind()).isEqualTo("restart");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.steps())
        .extracting(s -> s.name() + "=" + s.state().word())
        .containsExactly("preflight=done", "restart=done", "rollout=done");
    assertThat(world.store.timeline()).extracting(Timeline.Entry::kind).containsExactly("restart");
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.policy.holder("gateway", "staging")).isEmpty();
  }

  @Test
  void aScaleSetsTheReplicasAndWaitsForThem() throws Exception {
    world.submit("/scale gateway 2 --env staging");
    eventually()
        .until(() -> world.cluster.patches().size() == 1 && world.cluster.watchers(STAGING) == 1);
    assertThat(world.cluster.current(STAGING).status().specReplicas()).isEqualTo(2);
    world.cluster.rollOut(STAGING);

    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.kind()).isEqualTo("scale");
    assertThat(world.chat.shown().summary()).isEqualTo("scale gateway to 2");
  }

  @Test
  void aScaleOutsideTheBoundsOrNotANumberIsRefusedWithWhatToType() {
    world.submit("/scale gateway 51 --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("gateway may run 0 to 50 replicas, not 51");
    assertThat(p.hint()).contains("from 0 to 50");

    world.submit("/scale gateway many --env staging");
    eventually().until(() -> world.chat.answers().size() == 2);
    assertThat(((Reply.Problem) world.chat.answers().get(1)).problem())
        .isEqualTo("'many' is not a replica count");
    assertThat(world.cluster.patches()).isEmpty();
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void scalingToTheSameCountIsNothingToDo() {
    world.submit("/scale gateway 3 --env staging");
    Reply.Text t = world.awaitAnswer(Reply.Text.class);
    assertThat(t.text()).isEqualTo("gateway in staging already runs 3 replicas; nothing to do.");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void scalingToZeroInAProtectedEnvironmentWaitsForApproval() {
    world.submit("/scale gateway 0 --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    assertThat(world.cluster.patches()).isEmpty();

    world.react(BOB, "✅", true);
    eventually().until(() -> world.cluster.watchers(PROD) == 1);
    assertThat(world.cluster.current(PROD).status().specReplicas()).isZero();
    world.cluster.rollOut(PROD);
    eventually().until(() -> state() == OperationState.SUCCEEDED);
  }

  @Test
  void aPausedDeploymentRefusesDeploysRollbacksAndRestartsUntilResumed() throws Exception {
    world.submit("/pause gateway --env staging");
    eventually().until(() -> state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.current(STAGING).pause().paused()).isTrue();
    assertThat(world.cluster.current(STAGING).pause().by()).isEqualTo(ALICE.displayName());

    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    Reply.Problem refused = world.awaitAnswer(Reply.Problem.class);
    assertThat(refused.problem())
        .isEqualTo(
            "gateway in staging is paused since 10:00 UTC by Alice; /deploy would wait for a"
                + " rollout that cannot start, so nothing was changed");
    assertThat(refused.hint()).isEqualTo("/resume gateway --env staging first");
    world.submit("/restart gateway --env staging");
    world.submit("/rollback gateway --env staging");
    eventually()
        .until(
            () ->
                world.chat.answers().stream().filter(Reply.Problem.class::isInstance).count() == 3);
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(world.store.operations()).hasSize(1);

    world.submit("/pause gateway --env staging");
    eventually()
        .until(
            () ->
                world.chat.answers().stream()
                    .anyMatch(
                        r -> r instanceof Reply.Text t && t.text().contains("already paused")));

    world.submit("/resume gateway --env staging");
    eventually()
        .until(() -> world.store.operations().size() == 2 && world.cluster.watchers(STAGING) == 1);
    world.cluster.rollOut(STAGING);
    eventually().until(() -> world.store.operations().get(1).state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.current(STAGING).pause().paused()).isFalse();
    assertThat(world.cluster.patches())
        .extracting(FakeCluster.Patch::what)
        .containsExactly("pause", "resume");
  }

  @Test
  void aDryRunShowsThePlanAndChangesNothing() {
    world.submit("/restart gateway --env prod --dry-run");
    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(plan.title()).isEqualTo("Plan: restart gateway in prod");
    assertThat(String.join("\n", plan.lines()))
        .contains("read deployment coachpilot/coachpilot-gateway in prod")
        .contains("approval")
        .contains("restart the pods of coachpilot-gateway")
        .contains("dry run: nothing was changed");
    assertThat(world.cluster.patches()).isEmpty();
    assertThat(world.store.operations()).isEmpty();
  }

  private OperationState state() {
    return world.store.operations().isEmpty() ? null : world.store.operations().get(0).state();
  }
}
