package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.ports.HealthProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a service's health checks after a rollout, each up to its number of attempts with a pause
 * between, without holding a thread while it pauses. Completes with the failures (empty: all
 * healthy).
 */
public final class Verifier {
  private final HealthProbe probe;
  private final Executor executor;
  private final Duration pause;

  public Verifier(HealthProbe probe, Executor executor, Duration pause) {
    this.probe = probe;
    this.executor = executor;
    this.pause = pause;
  }

  public CompletableFuture<List<String>> verify(List<HealthCheck> checks) {
    CompletableFuture<List<String>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (HealthCheck check : checks) {
      all =
          all.thenCompose(
              failures ->
                  attempt(check, 1, 0)
                      .thenApply(
                          result -> {
                            if (!result.healthy()) {
                              failures.add(check.url() + ": " + result.detail());
                            }
                            return failures;
                          }));
    }
    return all.thenApply(List::copyOf);
  }

  /** A probe that throws has not shown health: that is a failed check, not an internal error. */
  private HealthProbe.Result safeCheck(HealthCheck check) {
    try {
      return probe.check(check);
    } catch (RuntimeException e) {
      return new HealthProbe.Result(false, "probe error: " + e.getMessage());
    }
  }

  /**
   * Try {@code n} of the check, after {@code streak} passes in a row: healthy once the streak
   * reaches {@link HealthCheck#consecutive()}, failed when the tries run out first.
   */
  private CompletableFuture<HealthProbe.Result> attempt(HealthCheck check, int n, int streak) {
    return CompletableFuture.supplyAsync(() -> safeCheck(check), executor)
        .thenCompose(
            result -> {
              int passes = result.healthy() ? streak + 1 : 0;
              if (passes >= check.consecutive()) {
                return CompletableFuture.completedFuture(
                    check.consecutive() == 1
                        ? result
                        : new HealthProbe.Result(
                            true, result.detail() + ", " + passes + " times in a row"));
              }
              if (n >= check.attempts()) {
                return CompletableFuture.completedFuture(
                    result.healthy()
                        ? new HealthProbe.Result(
                            false,
                            "passed "
                                + (passes == 1 ? "once" : passes + " times")
                                + " in a row at the end, "
                                + check.consecutive()
                                + " needed, in "
                                + check.attempts()
                                + " tries")
                        : result);
              }
              Executor later =
                  CompletableFuture.delayedExecutor(
                      pause.toMillis(), TimeUnit.MILLISECONDS, executor);
              return CompletableFuture.supplyAsync(() -> n + 1, later)
                  .thenCompose(next -> attempt(check, next, passes));
            });
  }
}
