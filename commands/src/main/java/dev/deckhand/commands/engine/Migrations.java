package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The migration gate's step, shared by every kind that runs one: starts the Job (or, on a resume,
 * finds the one already started: {@link Cluster#startJob} is idempotent per name), polls it on the
 * scheduler without holding a thread, streams its new log lines under the live message while it
 * runs, and ends the step with the Job's verdict. A failed Job's reason and last log lines are
 * posted; the caller then stops the operation before anything else changes.
 */
public final class Migrations {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Migrations.class);

  /** Log lines of a failed Job posted with its reason. */
  static final int TAIL_LINES = 20;

  /** Log lines read per poll: the window new lines are found in. */
  static final int WINDOW = 200;

  /** Lines streamed into the thread per Job at most; the rest stay in the Job's log. */
  static final int MOST_STREAMED = 400;

  /** Polls between two posts of new lines (a post per poll would spend the chat's budget). */
  static final int POLLS_PER_POST = 5;

  /** Cluster errors in a row before the gate gives up on reading the Job. */
  static final int READ_FAILURES = 5;

  /** How long past the Job's own deadline Deckhand waits for the Job controller's verdict. */
  static final Duration GRACE = Duration.ofMinutes(1);

  private final Cluster cluster;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Duration poll;
  private final LongSupplier nanoClock;

  public Migrations(
      Cluster cluster,
      Executor executor,
      ScheduledExecutorService scheduler,
      Duration poll,
      LongSupplier nanoClock) {
    this.cluster = cluster;
    this.executor = executor;
    this.scheduler = scheduler;
    this.poll = poll;
    this.nanoClock = nanoClock;
  }

  /**
   * Runs the Job as {@code step}: running, then done with "complete", or failed with the reason
   * (the caller stops the operation then). Never completes exceptionally: a cluster error that
   * keeps the Job from starting or being read is a failed Job.
   */
  public CompletableFuture<JobState> run(
      OperationRun run, Step step, Target target, JobRequest request) {
    Watch watch = new Watch(run, step, target, request);
    CompletableFuture.runAsync(watch::start, executor)
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                watch.end(failedState(cause(error)));
              } else {
                watch.next();
              }
            });
    return watch.result;
  }

  private static Throwable cause(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static JobState failedState(Throwable error) {
    String message =
        error instanceof ClusterException ? error.getMessage() : "unexpected error: " + error;
    return new JobState(JobState.Phase.FAILED, "", "CannotRead", message);
  }

  /** One Job being waited for. */
  private final class Watch {
    final OperationRun run;
    final Step step;
    final Target target;
    final JobRequest request;
    final CompletableFuture<JobState> result = new CompletableFuture<>();
    final long deadline;
    List<String> seen = List.of();
    final List<String> unposted = new ArrayList<>();
    int streamed;
    int polls;
    int failures;

    Watch(OperationRun run, Step step, Target target, JobRequest request) {
      this.run = run;
      this.step = step;
      this.target = target;
      this.request = request;
      this.deadline = nanoClock.getAsLong() + request.timeout().plus(GRACE).toNanos();
    }

    void start() {
      run.step(step, StepState.RUNNING, "Job " + request.name());
      cluster.startJob(target, request);
    }

    /**
     * Polls again after the interval. When the engine is closing, nothing more happens and nothing
     * is recorded: as after a crash, the next start re-attaches to the Job. A full worker queue
     * only delays the poll.
     */
    void next() {
      try {
        scheduler.schedule(this::submitPoll, poll.toNanos(), NANOS);
      } catch (RejectedExecutionException e) {
        log.info("stopped waiting for migration Job {}: the engine is closing", request.name());
      }
    }

    void submitPoll() {
      try {
        CompletableFuture.runAsync(this::poll, executor);
      } catch (RejectedExecutionException e) {
        next();
      }
    }

    void poll() {
      JobState state;
      try {
        state = cluster.job(target, request.name());
        failures = 0;
      } catch (RuntimeException e) {
        if (++failures >= READ_FAILURES) {
          end(failedState(e));
        } else {
          next();
        }
        return;
      }
      polls++;
      try {
        collect();
      } catch (RuntimeException e) {
        log.debug("could not read the log of migration Job {}", request.name(), e);
      }
      if (state.done()) {
        end(state);
      } else if (nanoClock.getAsLong() - deadline > 0) {
        end(
            new JobState(
                JobState.Phase.FAILED,
                state.pod(),
                "DeadlineExceeded",
                "still running "
                    + Durations.words(GRACE)
                    + " after its timeout of "
                    + Durations.words(request.timeout())
                    + "; Deckhand stopped waiting"));
      } else {
        if (polls % POLLS_PER_POST == 0) {
          flush();
        }
        next();
      }
    }

    /** Adds the lines the log shows since the last poll to those not yet posted. */
    void collect() {
      List<String> now = cluster.jobLog(target, request.name(), WINDOW);
      List<String> fresh = fresh(seen, now);
      seen = now;
      for (String line : fresh) {
        if (streamed + unposted.size() < MOST_STREAMED) {
          unposted.add(line);
        }
      }
    }

    void flush() {
      if (unposted.isEmpty()) {
        return;
      }
      streamed += unposted.size();
      String title =
          "Migration Job "
              + request.name()
              + (streamed >= MOST_STREAMED ? " (the rest is in the Job's log):" : ":");
      run.detail(new Reply.Listing(title, List.copyOf(unposted)));
      unposted.clear();
    }

    void end(JobState state) {
      try {
        if (state.phase() == JobState.Phase.COMPLETE) {
          flush();
          run.step(step, StepState.DONE, "Job " + request.name() + " complete");
        } else {
          unposted.clear();
          List<String> tail = tail();
          String why = reason(state);
          run.detail(
              new Reply.Listing(
                  "Migration Job "
                      + request.name()
                      + " failed: "
                      + why
                      + (tail.isEmpty() ? "; no log lines" : "; last log lines:"),
                  tail));
        }
      } finally {
        result.complete(state);
      }
    }

    List<String> tail() {
      try {
        return cluster.jobLog(target, request.name(), TAIL_LINES);
      } catch (RuntimeException e) {
        return List.of();
      }
    }
  }

  /** The reason of a failed Job in words: {@code BackoffLimitExceeded: Job has reached …}. */
  public static String reason(JobState state) {
    if (state.reason().isEmpty()) {
      return state.message().isEmpty() ? "failed" : state.message();
    }
    return state.message().isEmpty() ? state.reason() : state.reason() + ": " + state.message();
  }

  /**
   * The lines of {@code now} after the longest end of {@code before} it starts with: both are the
   * last lines of a growing log.
   */
  static List<String> fresh(List<String> before, List<String> now) {
    for (int overlap = Math.min(before.size(), now.size()); overlap > 0; overlap--) {
      if (before.subList(before.size() - overlap, before.size()).equals(now.subList(0, overlap))) {
        return now.subList(overlap, now.size());
      }
    }
    return now;
  }

  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;
}
