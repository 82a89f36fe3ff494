package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.engine.Migrations;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.RolloutOutcome;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.deploy.Rolls;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How a release runs, for {@code /deploy-all} and {@code /rollback-all}: wave after wave, the
 * services of a wave in parallel, each with its own steps ({@code wave1:gateway:set-image}, {@code
 * …:rollout}, {@code …:verify}); the first wave with a failure is the last (its other services
 * finish their roll), and then, for a deploy with rollback on, every service the release changed
 * goes back to the revision it had, in reverse order, each as its own compensating step.
 *
 * <p>Resumed, a service carries on from its first unfinished step, checking the cluster first: an
 * image already set is watched, never set again; a rollback already applied is watched, never
 * applied again; a deployment that runs something else was changed by someone else and stops the
 * release. Thread-safe.
 */
final class Waves {
  private enum Outcome {
    OK,
    FAILED,
    STOPPED
  }

  private final Catalog catalog;
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final Rolls rolls;
  private final Migrations migrations;
  private final WavePlan steps;
  private final boolean deploy;

  /**
   * @param steps the release's steps: a deploy's (set images, verify, compensate) or a rollback's
   *     (undo to a revision, stop at a failure)
   */
  Waves(Tools tools, WavePlan steps) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.rolls = new Rolls(tools);
    this.migrations = tools.migrations();
    this.steps = steps;
    this.deploy = steps.deploy();
  }

  Target target(String service, String environment) {
    return catalog.service(service).orElseThrow().target(environment).orElseThrow();
  }

  /** Runs the release from {@code from} to its end. */
  CompletableFuture<OperationState> run(OperationRun run, Plan<ReleaseParams> plan, Step from) {
    if (from.compensating()) {
      return compensate(run, plan);
    }
    Entry entry =
        plan.params().entries().stream()
            .filter(e -> steps.forward(e).contains(from))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("a release does not run from " + from.name()));
    return fromWave(run, plan, entry.wave());
  }

  private CompletableFuture<OperationState> fromWave(
      OperationRun run, Plan<ReleaseParams> plan, int wave) {
    if (wave > plan.params().waves()) {
      summary(run, plan, "done");
      return CompletableFuture.completedFuture(OperationState.SUCCEEDED);
    }
    return migrations(run, plan, plan.params().wave(wave), 0)
        .thenCompose(
            migrated ->
                migrated == Outcome.OK
                    ? rollWave(run, plan, wave)
                    : migrated == Outcome.STOPPED
                        ? CompletableFuture.completedFuture(OperationState.FAILED)
                        : failedAt(run, plan, wave));
  }

  /**
   * The migration Jobs of a wave, one after the other, before any of its services rolls (the
   * honeyDue worker runs the API's image: it must not start before the schema moved).
   */
  private CompletableFuture<Outcome> migrations(
      OperationRun run, Plan<ReleaseParams> plan, List<Entry> wave, int i) {
    if (i == wave.size()) {
      return CompletableFuture.completedFuture(Outcome.OK);
    }
    Entry e = wave.get(i);
    StepState state = e.migration() == null ? StepState.DONE : state(run, WavePlan.migrate(e));
    if (state == StepState.FAILED) {
      return CompletableFuture.completedFuture(Outcome.FAILED);
    }
    if (state != StepState.PENDING && state != StepState.RUNNING) {
      return migrations(run, plan, wave, i + 1);
    }
    return service(run, plan, e, true)
        .thenCompose(o -> o == Outcome.OK ? migrations(run, plan, wave, i + 1) : completed(o));
  }

  private static CompletableFuture<Outcome> completed(Outcome o) {
    return CompletableFuture.completedFuture(o);
  }

  private CompletableFuture<OperationState> rollWave(
      OperationRun run, Plan<ReleaseParams> plan, int wave) {
    List<CompletableFuture<Outcome>> services =
        plan.params().wave(wave).stream().map(e -> service(run, plan, e, false)).toList();
    return CompletableFuture.allOf(services.toArray(CompletableFuture[]::new))
        .thenCompose(
            ignored -> {
              List<Outcome> outcomes = services.stream().map(CompletableFuture::join).toList();
              if (outcomes.contains(Outcome.STOPPED)) {
                return CompletableFuture.completedFuture(OperationState.FAILED);
              }
              if (outcomes.contains(Outcome.FAILED)) {
                return failedAt(run, plan, wave);
              }
              return fromWave(run, plan, wave + 1);
            });
  }

  private CompletableFuture<OperationState> failedAt(
      OperationRun run, Plan<ReleaseParams> plan, int wave) {
    run.detail(
        new Reply.Text(
            "Wave "
                + wave
                + " failed, so the release stops there"
                + (deploy && rollbackEnabled(plan)
                    ? "; rolling back what it changed."
                    : "; nothing is rolled back.")));
    return compensate(run, plan);
  }

  /**
   * One service from its first unfinished forward step; with {@code migrationOnly}, only its
   * migration Job.
   */
  private CompletableFuture<Outcome> service(
      OperationRun run, Plan<ReleaseParams> plan, Entry e, boolean migrationOnly) {
    Optional<Step> next = firstUnfinished(run, steps.forward(e));
    if (next.isEmpty()) {
      boolean failed = steps.forward(e).stream().anyMatch(s -> state(run, s) == StepState.FAILED);
      return CompletableFuture.completedFuture(failed ? Outcome.FAILED : Outcome.OK);
    }
    Target t = target(e.service(), plan.environment());
    try {
      Step step = next.get();
      if (step.equals(WavePlan.migrate(e))) {
        return migrations
            .run(
                run,
                step,
                t,
                new JobRequest(
                    JobRequest.nameFor(t.deployment(), run.id()),
                    run.id(),
                    e.image(),
                    e.migration().command(),
                    e.migration().timeout()))
            .thenCompose(
                state -> {
                  if (state.phase() == JobState.Phase.COMPLETE) {
                    return migrationOnly ? completed(Outcome.OK) : service(run, plan, e, false);
                  }
                  run.step(step, StepState.FAILED, "Job failed (" + Migrations.reason(state) + ")");
                  return CompletableFuture.completedFuture(Outcome.FAILED);
                });
      }
      if (step.equals(steps.apply(e))) {
        String now = cluster.read(t).image();
        if (now.equals(e.image())) {
          run.step(step, StepState.DONE, "already set before Deckhand restarted");
          return watch(run, plan, e, Deployments.generation(cluster, t));
        }
        if (!now.equals(e.beforeImage())
            && Deployments.changedMeanwhile(run, cluster, t, step, e.beforeImage())) {
          return CompletableFuture.completedFuture(Outcome.STOPPED);
        }
        CompletableFuture<Long> applied =
            deploy
                ? rolls.setImage(run, step, t, e.image(), " (deploy-all)")
                : rolls.undo(
                    run,
                    step,
                    t,
                    e.toRevision(),
                    run.header().actor().displayName()
                        + " rolled back to revision "
                        + e.toRevision()
                        + " (rollback-all)");
        return applied.thenCompose(gen -> watch(run, plan, e, gen));
      }
      if (Deployments.changedMeanwhile(run, cluster, t, step, e.image())) {
        return CompletableFuture.completedFuture(Outcome.STOPPED);
      }
      if (step.equals(WavePlan.rollout(e))) {
        return watch(run, plan, e, Deployments.generation(cluster, t));
      }
      return verified(run, plan, e);
    } catch (RuntimeException ex) {
      return failedStep(run, next.get(), ex);
    }
  }

  private CompletableFuture<Outcome> watch(
      OperationRun run, Plan<ReleaseParams> plan, Entry e, long generation) {
    Target t = target(e.service(), plan.environment());
    return rollouts
        .watch(run, WavePlan.rollout(e), t, generation)
        .thenCompose(
            outcome -> {
              if (!(outcome instanceof RolloutOutcome.Complete)) {
                return CompletableFuture.completedFuture(Outcome.FAILED);
              }
              return deploy
                  ? verified(run, plan, e)
                  : CompletableFuture.completedFuture(Outcome.OK);
            });
  }

  private CompletableFuture<Outcome> verified(OperationRun run, Plan<ReleaseParams> plan, Entry e) {
    return rolls
        .verify(run, WavePlan.verify(e), e.service(), plan.environment())
        .thenApply(healthy -> healthy ? Outcome.OK : Outcome.FAILED);
  }

  /** A service's step that threw (a cluster error): that service failed, the others carry on. */
  private static CompletableFuture<Outcome> failedStep(
      OperationRun run, Step step, RuntimeException e) {
    run.step(step, StepState.FAILED, e.getMessage());
    return CompletableFuture.completedFuture(Outcome.FAILED);
  }

  private boolean rollbackEnabled(Plan<ReleaseParams> plan) {
    EnvironmentSpec env = catalog.environment(plan.environment()).orElseThrow();
    return plan.params().rollbackOnFailure() && env.autoRollback();
  }

  /**
   * After a failure: every service whose image this release set goes back to the revision it had,
   * one after the other in reverse order; a service it did not change is marked so. Without
   * rollback, the remaining steps are skipped and the release failed.
   */
  private CompletableFuture<OperationState> compensate(OperationRun run, Plan<ReleaseParams> plan) {
    if (!deploy || !rollbackEnabled(plan)) {
      run.skipPending(
          deploy ? "no rollback (rollback-on-failure is off, or automatic rollback)" : "stopped");
      summary(run, plan, "failed");
      return CompletableFuture.completedFuture(OperationState.FAILED);
    }
    List<Entry> reversed = WavePlan.reversed(plan.params().entries());
    CompletableFuture<Boolean> all = CompletableFuture.completedFuture(true);
    for (Entry e : reversed) {
      all = all.thenCompose(ok -> undo(run, plan, e).thenApply(done -> ok && done));
    }
    return all.thenApply(
        ok -> {
          summary(run, plan, ok ? "rolled back" : "failed");
          return ok ? OperationState.ROLLED_BACK : OperationState.FAILED;
        });
  }

  /** Rolls one service back, unless already done, never changed, or changed by someone else. */
  private CompletableFuture<Boolean> undo(OperationRun run, Plan<ReleaseParams> plan, Entry e) {
    Step step = WavePlan.rollback(e);
    StepState state = state(run, step);
    if (state != StepState.PENDING && state != StepState.RUNNING) {
      return CompletableFuture.completedFuture(state == StepState.DONE);
    }
    // A forward step still running (a parallel service, or one interrupted by a restart) ends here.
    for (Step s : steps.forward(e)) {
      if (state(run, s) == StepState.RUNNING) {
        run.step(s, StepState.SKIPPED, "interrupted by the release's rollback");
      }
    }
    StepState applied = state(run, steps.apply(e));
    if (applied == StepState.PENDING || applied == StepState.SKIPPED) {
      run.step(step, StepState.DONE, "not changed by this release");
      return CompletableFuture.completedFuture(true);
    }
    Target t = target(e.service(), plan.environment());
    try {
      String now = cluster.read(t).image();
      if (now.equals(e.beforeImage())) {
        return rollouts
            .watch(run, step, t, Deployments.generation(cluster, t))
            .thenApply(o -> o instanceof RolloutOutcome.Complete);
      }
      if (!now.equals(e.image())) {
        run.step(
            step,
            StepState.FAILED,
            "runs "
                + ImageRef.parse(now).shortForm()
                + ", which this release did not set; left alone");
        return CompletableFuture.completedFuture(false);
      }
      return rolls
          .undo(
              run,
              step,
              t,
              e.beforeRevision(),
              "release rolled back to revision " + e.beforeRevision())
          .thenCompose(gen -> rollouts.watch(run, step, t, gen))
          .thenApply(o -> o instanceof RolloutOutcome.Complete);
    } catch (RuntimeException ex) {
      run.step(step, StepState.FAILED, ex.getMessage());
      return CompletableFuture.completedFuture(false);
    }
  }

  /** The one summary under the live message: every service's line. */
  private void summary(OperationRun run, Plan<ReleaseParams> plan, String how) {
    List<String> lines = new ArrayList<>();
    for (Entry e : plan.params().entries()) {
      lines.add(
          WavePlan.who(e)
              + ImageRef.parse(e.beforeImage()).tag()
              + " → "
              + ImageRef.parse(e.image()).tag()
              + " — "
              + serviceState(run, e));
    }
    run.detail(new Reply.Listing(plan.summary() + ": " + how, lines));
  }

  private String serviceState(OperationRun run, Entry e) {
    if (deploy
        && state(run, WavePlan.rollback(e)) == StepState.DONE
        && state(run, steps.apply(e)) != StepState.PENDING
        && state(run, steps.apply(e)) != StepState.SKIPPED) {
      return "rolled back";
    }
    StepState applied = state(run, steps.apply(e));
    if (applied == StepState.PENDING || applied == StepState.SKIPPED) {
      return "not started";
    }
    List<StepState> states = steps.forward(e).stream().map(s -> state(run, s)).toList();
    if (states.contains(StepState.FAILED)) {
      return "failed";
    }
    if (states.contains(StepState.PENDING) || states.contains(StepState.RUNNING)) {
      return "stopped";
    }
    return "done";
  }

  private static Optional<Step> firstUnfinished(OperationRun run, List<Step> steps) {
    return steps.stream()
        .filter(
            s -> {
              StepState st = state(run, s);
              return st == StepState.PENDING || st == StepState.RUNNING;
            })
        .findFirst()
        .filter(s -> steps.stream().noneMatch(x -> state(run, x) == StepState.FAILED));
  }

  static StepState state(OperationRun run, Step step) {
    return run.view().steps().stream()
        .filter(step::is)
        .map(StepRecord::state)
        .findFirst()
        .orElse(StepState.SKIPPED);
  }
}
