package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.CAROL;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.UsageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Production changes wait for another person's approval, given as a reaction or a command. */
class ApprovalFlowTest {
  private static final Target PROD = EngineFixture.PROD;
  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aProdDeployWaitsForApprovalAndRunsWhenAnApproverReacts() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually()
        .until(
            () ->
                state() == OperationState.PENDING_APPROVAL
                    && !world.chat.shown().notes().isEmpty());
    assertThat(String.join("\n", world.chat.shown().notes()))
        .contains("needs 1 approval from release-managers (not Alice)")
        .contains("react ✅ to approve");
    assertThat(world.cluster.setImages()).isEmpty();

    world.react(ALICE, "✅", true);
    eventually().until(() -> threadText().contains("a requester's own approval does not count"));
    world.react(CAROL, "white_check_mark", true);
    eventually()
        .until(
            () ->
                threadText()
                    .contains("Carol is not in release-managers; only they can approve op"));
    assertThat(world.cluster.setImages()).isEmpty();

    world.react(BOB, "✅", true);
    eventually()
        .until(() -> world.cluster.setImages().size() == 1 && world.cluster.watchers(PROD) == 1);
    world.cluster.rollOut(PROD);
    eventually().until(() -> state() == OperationState.SUCCEEDED);
    assertThat(world.chat.shown().notes()).containsExactly("approved by Bob");
    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
  }

  @Test
  void aVoteWhoseGroupCannotBeCheckedIsToldInTheThreadAndCountsLater() throws Exception {
    boolean[] down = {true};
    try (EngineFixture other =
        EngineFixture.builder()
            .memberships(
                (member, actor) -> {
                  if (actor.equals(BOB) && down[0]) {
                    throw new UsageException("Slack did not say who is in S0RM", "");
                  }
                  return member.equals(actor.id());
                })
            .build()) {
      other.submit("/deploy gateway " + NEW_TAG + " --env prod");
      // The request is open (its message posted): the stored state says pending before that.
      eventually().until(() -> !other.policy.pending().isEmpty());

      other.react(BOB, "✅", true);
      eventually()
          .until(
              () ->
                  other
                      .chat
                      .threads()
                      .toString()
                      .contains(
                          "The vote of Bob on op "
                              + other.store.only().id()
                              + " could not be checked: Slack did not say who is in S0RM."
                              + " React again in a minute."));
      assertThat(other.cluster.setImages()).isEmpty();

      down[0] = false;
      other.react(BOB, "white_check_mark", true);
      eventually().until(() -> other.cluster.setImages().size() == 1);
    }
  }

  @Test
  void aRejectionEndsItWithNothingRun() {
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();
    world.submitAs(BOB, "/reject " + op + " \"wrong tag\"", "r1");
    eventually().until(() -> state() == OperationState.REJECTED);
    assertThat(world.chat.shown().notes()).containsExactly("rejected by Bob: wrong tag");
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
  }

  @Test
  void aRepeatedReactionCountsOnceAndAWithdrawnOneNotAtAll() {
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();
    world.react(BOB, "✅", false); // removing a reaction never given changes nothing
    world.submitAs(BOB, "/cancel " + op, "c1");
    eventually().until(() -> state() == OperationState.CANCELLED);
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void aPlanThatChangedBeforeItRunsVoidsTheVotes() {
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    world.registry.repush(EngineFixture.IMAGE, NEW_TAG);
    world.react(BOB, "✅", true);
    eventually().until(() -> threadText().contains("the votes given so far are void"));
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(state()).isEqualTo(OperationState.PENDING_APPROVAL);

    world.submitAs(BOB, "/approve " + world.store.only().id(), "a2");
    eventually().until(() -> world.cluster.setImages().size() == 1);
    assertThat(world.cluster.setImages().get(0).image())
        .isEqualTo(world.registry.pinnedNow(EngineFixture.IMAGE, NEW_TAG));
  }

  @Test
  void aSecondDeployWhileOneWaitsForApprovalIsRefusedNamingTheHolder() {
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();
    world.submitAs(BOB, "/deploy gateway " + NEW_TAG + " --env prod", "d2");
    assertThat(world.awaitAnswer(Reply.Problem.class).problem())
        .isEqualTo(
            "gateway in prod is locked by Alice for op "
                + op
                + " (deploy gateway "
                + NEW_TAG
                + ")");
  }

  private OperationState state() {
    Reply.Operation shown = world.chat.shown();
    return shown == null ? null : shown.state();
  }

  private String threadText() {
    return world.chat.threads().toString();
  }
}
