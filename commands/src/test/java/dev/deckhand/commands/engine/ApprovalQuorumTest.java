package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.DAVE;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quorums of more than one, withdrawn votes, repeated deliveries and expiry. */
class ApprovalQuorumTest {
  private EngineFixture world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aWithdrawnVoteNoLongerCountsAndARepeatedDeliveryCountsOnce() {
    world = EngineFixture.builder().prodApprovals(2, Duration.ofMinutes(30)).build();
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();
    String message = liveMessageId();

    Reaction bobYes = new Reaction(BOB, world.chat.id(), message, "✅", true, "slack-event-1");
    world.engine.dispatcher().react(bobYes);
    world.engine.dispatcher().react(bobYes); // the platform's retry of the same event
    world.engine.dispatcher().react(bobYes);
    eventually().until(() -> world.policy.votes(op).size() == 1);
    eventually()
        .until(
            () -> String.join(" ", world.chat.shown().notes()).contains("approved so far by Bob"));

    world.react(BOB, "✅", false); // bob takes it back before the quorum
    eventually().until(() -> world.policy.votes(op).isEmpty());
    world.react(DAVE, "✅", true);
    eventually().until(() -> world.policy.votes(op).size() == 1);
    assertThat(state()).isEqualTo(OperationState.PENDING_APPROVAL);
    assertThat(world.cluster.setImages()).isEmpty();

    world.react(BOB, "white_check_mark", true);
    eventually().until(() -> world.cluster.setImages().size() == 1);
    eventually().until(() -> world.chat.shown().notes().equals(List.of("approved by Dave, Bob")));
  }

  @Test
  void anUnansweredRequestExpiresWithNothingRunAndTheLockReleased() {
    world = EngineFixture.builder().prodApprovals(1, Duration.ofMillis(300)).build();
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> state() == OperationState.EXPIRED);
    assertThat(world.chat.shown().notes().get(0)).startsWith("expired: nobody approved by ");
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
    assertThat(world.store.only().state()).isEqualTo(OperationState.EXPIRED);

    world.submitAs(BOB, "/approve " + world.store.only().id(), "late");
    assertThat(world.awaitAnswer(Reply.Problem.class).problem())
        .isEqualTo("op " + world.store.only().id() + " is already expired");
  }

  @Test
  void cancellingARunningRolloutIsRefusedAndSaysWhy() throws Exception {
    world = EngineFixture.builder().build();
    world.submit("/deploy gateway " + NEW_TAG);
    world.awaitSetImage();
    long op = world.store.only().id();
    world.submit("/cancel " + op);
    assertThat(world.awaitAnswer(Reply.Problem.class).problem())
        .isEqualTo("op " + op + " is already running; Deckhand does not stop an operation halfway");
    world.cluster.rollOut(EngineFixture.STAGING);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
  }

  private OperationState state() {
    Reply.Operation shown = world.chat.shown();
    return shown == null ? null : shown.state();
  }

  private String liveMessageId() {
    return world.chat.posts().stream()
        .filter(p -> p.reply() instanceof Reply.Operation)
        .reduce((a, b) -> b)
        .orElseThrow()
        .ref()
        .id();
  }
}
