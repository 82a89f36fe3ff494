package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An operation a restart interrupted goes on in its own message, or stops if the world moved. */
class ResumeTest {
  private final EngineFixture world = EngineFixture.builder().healthAttempts(0).build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aBoardTheLastRunLeftOpenIsClosedBeforeOperationsResume() {
    MessageRef board = new MessageRef(world.chat.id(), "m-board");
    world.boards.opened(board);
    world.boards.opened(new MessageRef("C-not-connected", "m-other"));

    world.engine.resume();

    assertThat(world.chat.edits())
        .filteredOn(e -> e.ref().equals(board))
        .singleElement()
        .extracting(e -> ((Reply.Text) e.reply()).text())
        .asString()
        .startsWith("This board stopped when Deckhand restarted.");
    assertThat(world.boards.open()).extracting(MessageRef::id).containsExactly("m-other");
  }

  @Test
  void aRolloutInterruptedByARestartIsWatchedAgainAndFinishesInItsMessage() {
    long op = interruptedDeploy();
    world.cluster.setImage(STAGING, pinned(NEW_TAG), "applied before the crash");

    assertThat(world.engine.resume()).isEqualTo(1);
    eventually().until(() -> world.cluster.watchers(STAGING) == 1);
    world.cluster.rollOut(STAGING);

    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.setImages()).hasSize(1); // the one before the crash: never twice
    assertThat(world.chat.edits()).allSatisfy(e -> assertThat(e.ref().id()).isEqualTo("m-before"));
    assertThat(world.policy.holder("gateway", "staging")).isEmpty();
    assertThat(op).isPositive();
  }

  @Test
  void aDeploymentChangedWhileTheBotWasDownStopsTheOperationInsteadOfReportingOnIt() {
    interruptedDeploy(); // the cluster still runs RUNNING_TAG, not the new image
    assertThat(world.engine.resume()).isEqualTo(1);
    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    StepRecord rollout = EngineFixture.step(world.store.only(), "rollout");
    assertThat(rollout.detail())
        .contains("no longer runs " + NEW_TAG)
        .contains("now " + RUNNING_TAG);
    assertThat(world.cluster.undos()).isEmpty();
  }

  /** A deploy stored as running with its rollout in progress, as a killed bot leaves it. */
  private long interruptedDeploy() {
    List<StepRecord> steps =
        List.of(
            new StepRecord("preflight", "read", StepState.DONE, ""),
            new StepRecord("resolve", "resolve", StepState.DONE, ""),
            new StepRecord("set-image", "set", StepState.DONE, ""),
            new StepRecord("rollout", "roll out 3 replicas", StepState.RUNNING, ""),
            new StepRecord("verify", "verify", StepState.PENDING, ""),
            new StepRecord("rollback", "rollback", StepState.PENDING, ""),
            new StepRecord("rollback-rollout", "watch", StepState.PENDING, ""));
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("summary", "deploy gateway " + NEW_TAG);
    p.put("service", "gateway");
    p.put("environment", "staging");
    p.put("cluster", STAGING.cluster());
    p.put("namespace", STAGING.namespace());
    p.put("deployment", STAGING.deployment());
    p.put("container", STAGING.container());
    p.put("image", pinned(NEW_TAG));
    p.put("beforeImage", pinned(RUNNING_TAG));
    p.put("beforeRevision", "2");
    p.put("planHash", "hash");
    p.put("breakGlass", "");
    Actor alice = ALICE;
    long op =
        world.store.create(
            "deploy",
            alice,
            "gateway",
            "staging",
            "/deploy gateway x",
            OperationState.RUNNING,
            steps,
            world.chat.id(),
            p);
    world.store.attachMessage(op, "m-before");
    world.policy.acquire(
        new dev.deckhand.commands.ports.LockStore.Lock(
            "gateway", "staging", alice, p.get("summary"), op, "dead", java.time.Instant.EPOCH));
    return op;
  }
}
