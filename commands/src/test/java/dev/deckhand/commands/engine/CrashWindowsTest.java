package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.PROD;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.LockStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The states a crash between two writes can leave, each resumed by a fresh start: a resume never
 * rolls back a healthy deploy, compensates only a recorded failure, runs an approval that was
 * recorded, and does not act on a plan the world has left behind.
 */
class CrashWindowsTest {
  private final EngineFixture world = EngineFixture.builder().healthAttempts(0).build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aDeployWhoseVerifyPassedIsNotRolledBackWhenTheProcessDiedBeforeItEnded() {
    world.cluster.setImage(STAGING, pinned(NEW_TAG), "applied before the crash");
    world.cluster.rollOut(STAGING);
    long op =
        stored(
            OperationState.RUNNING,
            STAGING,
            "set-image=done",
            "rollout=done",
            "verify=done",
            "rollback=pending",
            "rollback-rollout=pending");

    assertThat(world.engine.resume()).isEqualTo(1);

    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(NEW_TAG));
    assertThat(EngineFixture.stepState(world.store.only(), "rollback"))
        .isEqualTo(StepState.SKIPPED);
    assertThat(world.policy.holder("gateway", "staging")).isEmpty();
    assertThat(world.store.events("result"))
        .singleElement()
        .satisfies(e -> assertThat(e.operationId()).isEqualTo(op));
  }

  @Test
  void aRecordedFailureIsCompensatedAfterARestart() {
    world.cluster.setImage(STAGING, pinned(NEW_TAG), "applied before the crash");
    stored(
        OperationState.RUNNING,
        STAGING,
        "set-image=done",
        "rollout=failed",
        "verify=pending",
        "rollback=pending",
        "rollback-rollout=pending");

    world.engine.resume();

    eventually()
        .until(() -> world.cluster.undos().size() == 1 && world.cluster.watchers(STAGING) == 1);
    world.cluster.rollOut(STAGING);
    eventually().until(() -> world.store.only().state() == OperationState.ROLLED_BACK);
    assertThat(world.cluster.undos().get(0).toRevision()).isEqualTo(2);
    assertThat(EngineFixture.stepState(world.store.only(), "verify")).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void aCompensationNeverUndoesAChangeSomeoneElseMadeMeanwhile() {
    world.cluster.setImage(
        STAGING, pinned("p10e-mmc-20260520-e2-fix"), "someone else, after /unlock");
    stored(
        OperationState.RUNNING,
        STAGING,
        "set-image=done",
        "rollout=failed",
        "verify=pending",
        "rollback=pending",
        "rollback-rollout=pending");

    world.engine.resume();

    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(EngineFixture.step(world.store.only(), "rollback").detail())
        .contains("no longer runs");
  }

  @Test
  void anApprovedRequestWhoseRunHadNotStartedRunsAtTheNextStart() {
    long op =
        stored(
            OperationState.PENDING_APPROVAL,
            PROD,
            "approval=pending",
            "set-image=pending",
            "rollout=pending",
            "verify=pending",
            "rollback=pending",
            "rollback-rollout=pending");
    world.policy.open(
        new ApprovalStore.Request(
            op, "h", world.chat.id(), "m-before", 1, "release-managers", Instant.MAX, "pending"));
    world.policy.vote(op, EngineFixture.BOB, true, "h");
    assertThat(world.policy.approve(op, "h")).isTrue();

    world.engine.resume();

    eventually()
        .until(() -> world.cluster.setImages().size() == 1 && world.cluster.watchers(PROD) == 1);
    world.cluster.rollOut(PROD);
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(world.store.only(), "approval").detail())
        .isEqualTo("approved by Bob");
  }

  @Test
  void aRequestNeverOpenedEndsTheOperationAndReleasesItsLock() {
    stored(
        OperationState.PENDING_APPROVAL,
        PROD,
        "approval=pending",
        "set-image=pending",
        "rollout=pending",
        "verify=pending",
        "rollback=pending",
        "rollback-rollout=pending");

    world.engine.resume();

    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void anOperationThatChangedNothingYetIsReplannedAndStopsIfTheTagMovedMeanwhile() {
    world.registry.repush(EngineFixture.IMAGE, NEW_TAG); // the same tag with other content
    stored(
        OperationState.RUNNING,
        STAGING,
        "set-image=pending",
        "rollout=pending",
        "verify=pending",
        "rollback=pending",
        "rollback-rollout=pending");

    world.engine.resume();

    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(EngineFixture.step(world.store.only(), "set-image").detail())
        .contains("changed while Deckhand was down")
        .contains("the tag now points to");
  }

  @Test
  void anOperationWhoseMessageWasNeverPostedGetsOneAndCarriesOn() {
    long op =
        world.store.create(
            "deploy",
            ALICE,
            "gateway",
            "staging",
            "/deploy gateway x",
            OperationState.RUNNING,
            steps(
                "set-image=pending",
                "rollout=pending",
                "verify=pending",
                "rollback=pending",
                "rollback-rollout=pending"),
            world.chat.id(),
            params(STAGING, "staging"));

    world.engine.resume();

    eventually()
        .until(() -> world.cluster.setImages().size() == 1 && world.cluster.watchers(STAGING) == 1);
    world.cluster.rollOut(STAGING);
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.store.only().messageId()).isNotEmpty();
    assertThat(op).isPositive();
  }

  @Test
  void aClusterThatCannotBeReadWhenAnOperationCarriesOnEndsItFailedAndReleasesItsLock() {
    stored(
        OperationState.RUNNING,
        STAGING,
        "set-image=pending",
        "rollout=pending",
        "verify=pending",
        "rollback=pending",
        "rollback-rollout=pending");
    world.cluster.failReads(
        new dev.deckhand.commands.ports.ClusterException("the API server of staging is down"));

    world.engine.resume();

    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    assertThat(world.policy.holder("gateway", "staging")).isEmpty();
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.store.events("result"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("failed"));
  }

  /** A deploy of NEW_TAG stored with its message and lock, its other steps as given. */
  private long stored(OperationState state, Target target, String... rest) {
    String env = target.cluster();
    long op =
        world.store.create(
            "deploy",
            ALICE,
            "gateway",
            env,
            "/deploy gateway " + NEW_TAG,
            state,
            steps(rest),
            world.chat.id(),
            params(target, env));
    world.store.attachMessage(op, "m-before");
    world.policy.acquire(
        new LockStore.Lock("gateway", env, ALICE, "deploy", op, "dead", Instant.EPOCH));
    return op;
  }

  private static List<StepRecord> steps(String... rest) {
    List<StepRecord> steps = new ArrayList<>();
    steps.add(new StepRecord("preflight", "read", StepState.DONE, ""));
    steps.add(new StepRecord("resolve", "resolve", StepState.DONE, ""));
    for (String s : rest) {
      String[] nameState = s.split("=");
      steps.add(new StepRecord(nameState[0], nameState[0], StepState.ofWord(nameState[1]), ""));
    }
    return steps;
  }

  /** The plan as the deploy kind stores it, hashed as the engine hashes it. */
  private Map<String, String> params(Target target, String env) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("summary", "deploy gateway " + NEW_TAG);
    p.put("service", "gateway");
    p.put("environment", env);
    p.put("cluster", target.cluster());
    p.put("namespace", target.namespace());
    p.put("deployment", target.deployment());
    p.put("container", target.container());
    p.put("image", pinned(NEW_TAG));
    p.put("beforeImage", pinned(RUNNING_TAG));
    p.put("beforeRevision", "2");
    p.put("breakGlass", "");
    p.put("planHash", planHash(p));
    return p;
  }

  private String planHash(Map<String, String> p) {
    var kind =
        new dev.deckhand.commands.kinds.deploy.DeployKind(
            new dev.deckhand.commands.kind.Tools(
                null,
                world.cluster,
                world.registry,
                null,
                null,
                null,
                null,
                dev.deckhand.commands.ports.SqlLedger.NONE,
                new HookRunner(
                    dev.deckhand.commands.ports.WebhookClient.NONE,
                    Runnable::run,
                    Duration.ofSeconds(1)),
                dev.deckhand.commands.ports.Timeline.NONE,
                dev.deckhand.commands.ports.Builds.NONE,
                dev.deckhand.commands.ports.Metrics.NONE));
    return PlanCodec.hash(kind, PlanCodec.read(kind, p));
  }
}
