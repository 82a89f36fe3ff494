package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The rollout steps that deploys and rollbacks share: patch on the executor, then watch the
 * rollout, stream its counts to the live message and report a failure with the pod's reason and
 * last log lines under it.
 */
public final class Rollouts {
  static final int LOG_LINES = 12;

  private final Cluster cluster;
  private final RolloutWaiter waiter;
  private final Executor executor;
  private final Duration bound;
  private final CrashLogs crashes;
  private final java.time.Clock clock;

  public Rollouts(Cluster cluster, RolloutWaiter waiter, Executor executor, Duration bound) {
    this(cluster, waiter, executor, bound, new CrashLogs(), java.time.Clock.systemUTC());
  }

  Rollouts(
      Cluster cluster,
      RolloutWaiter waiter,
      Executor executor,
      Duration bound,
      CrashLogs crashes,
      java.time.Clock clock) {
    this.cluster = cluster;
    this.waiter = waiter;
    this.executor = executor;
    this.bound = bound;
    this.crashes = crashes;
    this.clock = clock;
  }

  /** Runs a blocking patch step on the executor, marking it running then done. */
  public CompletableFuture<Long> patch(
      OperationRun run, Step step, String doneDetail, java.util.function.LongSupplier patch) {
    return CompletableFuture.supplyAsync(
        () -> {
          run.step(step, StepState.RUNNING, "");
          long generation = patch.getAsLong();
          run.step(step, StepState.DONE, doneDetail);
          return generation;
        },
        executor);
  }

  /** Runs a blocking call (an exec, a store read) on the engine's workers. */
  public <T> CompletableFuture<T> blocking(java.util.function.Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }

  /**
   * Watches the rollout of {@code generation} as step {@code step}; never completes exceptionally
   * for a failed rollout.
   */
  public CompletableFuture<RolloutOutcome> watch(
      OperationRun run, Step step, Target target, long generation) {
    run.step(step, StepState.RUNNING, "");
    return waiter
        .await(target, generation, bound, snapshot -> run.progress(progressOf(snapshot)))
        .thenApplyAsync(
            outcome -> {
              if (outcome instanceof RolloutOutcome.Complete c) {
                run.step(
                    step,
                    StepState.DONE,
                    c.snapshot().status().availableReplicas()
                        + (c.snapshot().status().availableReplicas() == 1
                            ? " replica available"
                            : " replicas available"));
              } else {
                String reason = reason(outcome);
                run.step(step, StepState.FAILED, reason);
                report(run, target, outcome, reason);
              }
              return outcome;
            },
            executor);
  }

  /**
   * Watches a rollout as step {@code step} to the operation's end: succeeded when it completes,
   * failed otherwise (the reason is on the step and under the message).
   */
  public CompletableFuture<dev.deckhand.commands.operation.OperationState> watchToEnd(
      OperationRun run, Step step, Target target, long generation) {
    return watch(run, step, target, generation)
        .thenApply(
            o ->
                o instanceof RolloutOutcome.Complete
                    ? dev.deckhand.commands.operation.OperationState.SUCCEEDED
                    : dev.deckhand.commands.operation.OperationState.FAILED);
  }

  static Progress progressOf(RolloutSnapshot s) {
    var st = s.status();
    return new Progress(
        st.specReplicas(), st.updatedReplicas(), st.readyReplicas(), st.availableReplicas());
  }

  static String reason(RolloutOutcome outcome) {
    if (outcome instanceof RolloutOutcome.Failed f) {
      return f.reason();
    }
    if (outcome instanceof RolloutOutcome.TimedOut t) {
      return t.reason();
    }
    return "";
  }

  private void report(OperationRun run, Target target, RolloutOutcome outcome, String reason) {
    PodProblem problem = outcome instanceof RolloutOutcome.Failed f ? f.problem() : null;
    if (problem == null) {
      run.detail(new Reply.Text("Rollout of " + target.deployment() + " failed: " + reason));
      return;
    }
    List<String> kept = cluster.logTail(target, problem.pod(), CrashLogs.LINES);
    if (!kept.isEmpty()) {
      crashes.keep(
          target,
          new CrashLogs.Kept(
              problem.pod(),
              target.container(),
              problem.reason(),
              run.id(),
              clock.instant(),
              kept));
    }
    List<String> tail = kept.subList(Math.max(0, kept.size() - LOG_LINES), kept.size());
    String title =
        problem.reason()
            + " in pod "
            + problem.pod()
            + (problem.restarts() > 0
                ? " (" + problem.restarts() + (problem.restarts() == 1 ? " restart)" : " restarts)")
                : "")
            + (tail.isEmpty() ? "; no log lines" : "; last log lines:");
    run.detail(new Reply.Listing(title, tail));
  }
}
