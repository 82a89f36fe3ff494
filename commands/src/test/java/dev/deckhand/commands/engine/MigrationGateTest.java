package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.PROD;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static dev.deckhand.commands.engine.EngineFixture.stepState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The migration gate: a service that declares a migration Job runs it with the new image before any
 * pod rolls; a failed Job stops the deploy with its reason and log tail and changes nothing else; a
 * re-run replaces the old Job; a restart re-attaches to the Job in flight.
 */
class MigrationGateTest {
  private static final MigrationJob GOOSE =
      new MigrationJob(List.of("goose", "up"), Duration.ofMinutes(30));

  private EngineFixture world = EngineFixture.builder().healthAttempts(0).migration(GOOSE).build();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void theJobRunsWithTheNewImageFirstItsLogStreamsAndOnlyThenTheImageIsSet() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    JobRequest job = awaitJob(1);
    assertThat(job.image()).isEqualTo(pinned(NEW_TAG));
    assertThat(job.command()).containsExactly("goose", "up");
    assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(job.name()).isEqualTo("coachpilot-gateway-migrate-" + job.operationId());

    world.cluster.jobs.print(job.name(), "goose: applying 20260519_add_tenant.sql");
    eventually().until(() -> detailsContaining("applying 20260519_add_tenant.sql").size() == 1);
    assertThat(world.cluster.setImages()).isEmpty();

    world.cluster.jobs.print(job.name(), "goose: successfully migrated database");
    world.cluster.jobs.complete(job.name());
    world.awaitSetImage();
    assertThat(detailsContaining("successfully migrated database")).hasSize(1);
    world.cluster.rollOut(STAGING);

    OperationRecord op = world.awaitFinished();
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(op, "migrate").detail()).contains("complete");
    assertThat(world.cluster.jobs.creates()).hasSize(1);
  }

  @Test
  void aFailedJobStopsTheDeployWithItsReasonAndLogTailAndNoPodChanges() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    JobRequest job = awaitJob(1);
    world.cluster.jobs.print(
        job.name(), "goose run: ERROR 20260519_add_tenant.sql: column \"tenant_id\" exists");
    world.cluster.jobs.fail(
        job.name(), "BackoffLimitExceeded", "Job has reached the specified backoff limit");

    OperationRecord op = world.awaitFinished();
    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(stepState(op, "migrate")).isEqualTo(StepState.FAILED);
    assertThat(EngineFixture.step(op, "migrate").detail())
        .contains("BackoffLimitExceeded")
        .contains("nothing else was changed");
    assertThat(stepState(op, "set-image")).isEqualTo(StepState.SKIPPED);
    assertThat(stepState(op, "rollback")).isEqualTo(StepState.SKIPPED);
    eventually()
        .until(
            () ->
                detailsContaining("column \"tenant_id\" exists").stream()
                    .anyMatch(l -> l.title().contains("failed: BackoffLimitExceeded")));
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(world.policy.holder("gateway", "staging")).isEmpty();
  }

  @Test
  void aReRunAfterAFailedJobReplacesTheOldJob() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    JobRequest first = awaitJob(1);
    world.cluster.jobs.fail(first.name(), "BackoffLimitExceeded", "");
    eventually().until(() -> world.store.only().state() == OperationState.FAILED);
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();

    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    JobRequest second = awaitJob(2);
    assertThat(second.name()).isNotEqualTo(first.name());
    assertThat(world.cluster.jobs.deleted()).containsExactly(first.name());
    world.cluster.jobs.complete(second.name());
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);
    eventually()
        .until(
            () ->
                world.store.operations().stream()
                    .anyMatch(o -> o.state() == OperationState.SUCCEEDED));
  }

  @Test
  void aRestartDuringTheJobReattachesToItAndStartsNoSecondOne() throws Exception {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    JobRequest job = awaitJob(1);
    eventually().until(() -> stepState(world.store.only(), "migrate") == StepState.RUNNING);
    world.close();

    world = EngineFixture.builder().healthAttempts(0).migration(GOOSE).restartOf(world).build();
    world.cluster.jobs.complete(job.name());
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.jobs.creates()).hasSize(1);
  }

  @Test
  void aJobThatCannotStartFailsTheDeployBeforeAnythingChanges() throws Exception {
    world.cluster.jobs.failStarts(
        new dev.deckhand.commands.ports.ClusterException("jobs.batch is forbidden"));
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");

    OperationRecord op = world.awaitFinished();
    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(EngineFixture.step(op, "migrate").detail()).contains("jobs.batch is forbidden");
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void thePlanSaysAMigrationRunsAndThatARollbackKeepsTheSchema() {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging --dry-run");
    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(String.join("\n", plan.lines()))
        .contains("run migration Job `goose up` with " + NEW_TAG + " (up to 30m)")
        .contains("rolling the code back will not revert the schema")
        .contains("(the schema stays migrated)")
        .contains("strategy: rolling — the default (the catalog names no other for gateway)")
        .contains("⚠ migration: the migration Job runs before any pod changes; old pods serve on");
    assertThat(world.cluster.jobs.creates()).isEmpty();
  }

  @Test
  void migrateAloneInProdWaitsForApprovalThatShowsTheMigrationThenRunsOnlyTheJob() {
    world.submit("/migrate gateway " + NEW_TAG + " --env prod");
    eventually()
        .until(
            () ->
                !world.store.operations().isEmpty()
                    && world.store.only().state() == OperationState.PENDING_APPROVAL);
    assertThat(world.chat.shown().steps())
        .extracting(StepRecord::title)
        .anyMatch(t -> t.contains("will not revert the schema"));
    assertThat(world.cluster.jobs.creates()).isEmpty();

    world.react(BOB, "✅", true);
    JobRequest job = awaitJob(1);
    assertThat(job.image()).isEqualTo(pinned(NEW_TAG));
    world.cluster.jobs.complete(job.name());
    eventually().until(() -> world.store.only().state() == OperationState.SUCCEEDED);
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));
  }

  @Test
  void migrateForAServiceWithoutAMigrationSaysHowToDeclareOne() {
    world.submit("/migrate quiz v1.7.0 --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("quiz declares no migration");
    assertThat(p.hint()).contains("migrate: {job: {command:");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void aDeployOfAServiceWithoutAMigrationHasNoMigrateStep() throws Exception {
    world.close();
    world = EngineFixture.builder().healthAttempts(0).build();
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);
    OperationRecord op = world.awaitFinished();
    assertThat(op.steps()).extracting(StepRecord::name).doesNotContain("migrate");
    assertThat(world.cluster.jobs.creates()).isEmpty();
  }

  @Test
  void newLinesAreThoseAfterTheOverlapOfTwoLogTails() {
    assertThat(Migrations.fresh(List.of(), List.of("a", "b"))).containsExactly("a", "b");
    assertThat(Migrations.fresh(List.of("a", "b"), List.of("a", "b", "c"))).containsExactly("c");
    assertThat(Migrations.fresh(List.of("a", "b", "c"), List.of("b", "c", "d")))
        .containsExactly("d");
    assertThat(Migrations.fresh(List.of("a", "b"), List.of("a", "b"))).isEmpty();
    assertThat(Migrations.fresh(List.of("x"), List.of("y", "z"))).containsExactly("y", "z");
  }

  private JobRequest awaitJob(int count) {
    eventually().until(() -> world.cluster.jobs.creates().size() == count);
    return world.cluster.jobs.creates().get(count - 1);
  }

  private List<Reply.Listing> detailsContaining(String text) {
    return world.chat.threads().stream()
        .map(RecordingConversation.Threaded::reply)
        .filter(Reply.Listing.class::isInstance)
        .map(Reply.Listing.class::cast)
        .filter(l -> l.lines().stream().anyMatch(line -> line.contains(text)))
        .toList();
  }
}
