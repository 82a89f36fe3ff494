package dev.deckhand.commands.kinds.canary;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.engine.Durations;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A canary's holds: every {@code interval} the gates judge it ({@link Judge}); {@code failures}
 * breaches in a row abort; a pass after the hold's duration ends it; an inconclusive judgement is
 * neither, but a hold never ends unjudged. Without gates a hold only waits. Between judgements
 * nothing holds a thread, and a {@code /cancel} is looked for before each one.
 */
final class Holds {
  /** How often a hold without gates looks whether someone asked to stop. */
  private static final Duration STOP_LOOK = Duration.ofSeconds(2);

  /** Where the kind goes on from a hold. */
  interface Flow {
    /** Step {@code i} of the shares below 100, or the promotion after the last. */
    CompletableFuture<OperationState> next(OperationRun run, Plan<CanaryParams> plan, int i);

    /** Someone asked to stop at {@code at}. */
    CompletableFuture<OperationState> stopped(OperationRun run, Plan<CanaryParams> plan, Step at);

    /** The abort after a breach or a hold that could not be judged. */
    CompletableFuture<OperationState> abort(OperationRun run, Plan<CanaryParams> plan);
  }

  private final Rollouts rollouts;
  private final Judge judge;
  private final Flow flow;

  Holds(Rollouts rollouts, Judge judge, Flow flow) {
    this.rollouts = rollouts;
    this.judge = judge;
    this.flow = flow;
  }

  /** Where a hold stands between two judgements. */
  private record Holding(long startedNanos, int breaches, int passes, String last) {}

  /** Hold {@code i}: judged by the gates, or only waited without them; then the next step. */
  CompletableFuture<OperationState> hold(OperationRun run, Plan<CanaryParams> plan, int i) {
    CanarySpec spec = plan.params().spec();
    int weight = spec.partial().get(i);
    Step step = CanaryKind.hold(weight);
    if (spec.gates().isEmpty()) {
      run.step(step, StepState.RUNNING, "until " + Durations.words(spec.hold()) + " passed");
      return waited(run, plan, i, System.nanoTime());
    }
    CanarySpec.Gates gates = spec.gates().orElseThrow();
    run.step(
        step,
        StepState.RUNNING,
        "judging every "
            + Durations.words(gates.interval())
            + " for "
            + Durations.words(spec.hold()));
    return judged(run, plan, i, new Holding(System.nanoTime(), 0, 0, ""));
  }

  /** A hold without gates, looking for a stop every few seconds until it has passed. */
  private CompletableFuture<OperationState> waited(
      OperationRun run, Plan<CanaryParams> plan, int i, long started) {
    CanarySpec spec = plan.params().spec();
    Step step = CanaryKind.hold(spec.partial().get(i));
    Duration left = spec.hold().minus(Duration.ofNanos(System.nanoTime() - started));
    if (run.stopRequested().isPresent()) {
      return flow.stopped(run, plan, step);
    }
    if (left.isNegative() || left.isZero()) {
      run.step(step, StepState.DONE, "held " + Durations.words(spec.hold()));
      return flow.next(run, plan, i + 1);
    }
    Duration tick = left.compareTo(STOP_LOOK) < 0 ? left : STOP_LOOK;
    return after(tick).thenCompose(ignored -> waited(run, plan, i, started));
  }

  /** The next judgement of hold {@code i}, after one interval. */
  private CompletableFuture<OperationState> judged(
      OperationRun run, Plan<CanaryParams> plan, int i, Holding was) {
    CanarySpec spec = plan.params().spec();
    CanarySpec.Gates gates = spec.gates().orElseThrow();
    Step step = CanaryKind.hold(spec.partial().get(i));
    Target stable = plan.target();
    return after(gates.interval())
        .thenCompose(
            ignored ->
                run.stopRequested().isPresent()
                    ? CompletableFuture.completedFuture((Judge.Verdict) null)
                    : rollouts.blocking(
                        () -> judge.judge(stable, CanaryKind.canaryOf(stable), gates)))
        .thenCompose(
            verdict -> {
              if (verdict == null) {
                return flow.stopped(run, plan, step);
              }
              Duration held = Duration.ofNanos(System.nanoTime() - was.startedNanos());
              if (verdict instanceof Judge.Breach b) {
                int breaches = was.breaches() + 1;
                if (breaches >= gates.failures()) {
                  return breached(run, plan, step, b, breaches);
                }
                run.step(
                    step,
                    StepState.RUNNING,
                    "breach " + breaches + " of " + gates.failures() + ": " + b.line());
                return judged(
                    run,
                    plan,
                    i,
                    new Holding(was.startedNanos(), breaches, was.passes(), b.line()));
              }
              if (verdict instanceof Judge.Pass pass) {
                if (held.compareTo(spec.hold()) >= 0) {
                  return held(run, plan, i, was.passes() + 1, pass.line());
                }
                run.step(step, StepState.RUNNING, "passed: " + pass.line());
                return judged(
                    run,
                    plan,
                    i,
                    new Holding(was.startedNanos(), 0, was.passes() + 1, pass.line()));
              }
              // inconclusive: neither a pass nor a breach; a hold never ends unjudged
              Duration grace = spec.hold().plus(gates.detection());
              if (held.compareTo(grace) >= 0 && was.passes() == 0) {
                run.step(
                    step,
                    StepState.FAILED,
                    "could not judge the canary in "
                        + Durations.words(held)
                        + ": "
                        + verdict.line());
                run.detail(
                    new Reply.Text(
                        "Canary of "
                            + plan.service()
                            + " aborted: it could not be judged in "
                            + Durations.words(held)
                            + " ("
                            + verdict.line()
                            + ")."));
                return flow.abort(run, plan);
              }
              if (held.compareTo(spec.hold()) >= 0 && was.passes() > 0 && was.breaches() == 0) {
                return held(run, plan, i, was.passes(), verdict.line());
              }
              run.step(step, StepState.RUNNING, "not judged: " + verdict.line());
              return judged(
                  run,
                  plan,
                  i,
                  new Holding(was.startedNanos(), was.breaches(), was.passes(), verdict.line()));
            });
  }

  /** Hold {@code i} has passed: done, on to the next step. */
  private CompletableFuture<OperationState> held(
      OperationRun run, Plan<CanaryParams> plan, int i, int passes, String last) {
    CanarySpec spec = plan.params().spec();
    run.step(
        CanaryKind.hold(spec.partial().get(i)),
        StepState.DONE,
        "held "
            + Durations.words(spec.hold())
            + ", "
            + passes
            + (passes == 1 ? " judgement passed" : " judgements passed")
            + "; last: "
            + last);
    return flow.next(run, plan, i + 1);
  }

  private CompletableFuture<OperationState> breached(
      OperationRun run, Plan<CanaryParams> plan, Step step, Judge.Breach b, int breaches) {
    run.step(
        step, StepState.FAILED, b.line() + (breaches == 1 ? "" : " (" + breaches + " in a row)"));
    run.detail(
        new Reply.Text(
            "Canary of "
                + plan.service()
                + " aborted: "
                + b.line()
                + ", "
                + breaches
                + (breaches == 1 ? " time" : " times in a row")
                + ".\nQuery: "
                + b.query()));
    return flow.abort(run, plan);
  }

  /** Completes after {@code d}, without holding a thread. */
  private static CompletableFuture<Void> after(Duration d) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS));
  }
}
