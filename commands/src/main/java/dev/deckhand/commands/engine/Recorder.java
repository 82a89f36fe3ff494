package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.RegistryException;
import dev.deckhand.commands.ports.Timeline;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an operation whatever happened: an unexpected error fails the running step with a reference;
 * the timeline and the audit trail get the result; the service lock is released, or kept after a
 * rollback where the environment says so; the live message gets its final state.
 */
public final class Recorder {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);

  private final Timeline timeline;
  private final AuditLog audit;
  private final ServiceLocks locks;
  private final Catalog catalog;
  private final Clock clock;

  public Recorder(
      Timeline timeline, AuditLog audit, ServiceLocks locks, Catalog catalog, Clock clock) {
    this.timeline = timeline;
    this.audit = audit;
    this.locks = locks;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Completes when the final state is recorded and delivered. */
  CompletableFuture<Void> finish(
      OperationRun run,
      CompletableFuture<OperationState> flow,
      OpParams p,
      Supplier<String> newImage) {
    return flow.exceptionally(e -> failed(run, e))
        .thenCompose(
            state -> {
              run.skipPending("");
              var view = run.view();
              String kind = view.summary().split(" ", 2)[0];
              timeline.record(
                  new Timeline.Entry(
                      run.id(),
                      kind,
                      view.actor(),
                      p.service(),
                      p.environment(),
                      p.beforeImage(),
                      newImage.get(),
                      run.elapsed(),
                      state.word(),
                      clock.instant()));
              boolean rolledBack =
                  state == OperationState.ROLLED_BACK
                      || (kind.equals("rollback") && state == OperationState.SUCCEEDED);
              return end(run, p, state, view.summary() + ": " + state.word(), rolledBack);
            })
        .exceptionally(
            e -> {
              log.error("op {} could not be recorded or reported", run.id(), e);
              return null;
            });
  }

  /** Ends an operation that never ran (rejected, expired, cancelled). */
  CompletableFuture<Void> endUnrun(OperationRun run, OpParams p, OperationState state, String why) {
    run.skipPending(why);
    return end(run, p, state, run.view().summary() + ": " + state.word() + " (" + why + ")", false)
        .exceptionally(
            e -> {
              log.error("op {} could not be ended", run.id(), e);
              return null;
            });
  }

  private CompletableFuture<Void> end(
      OperationRun run, OpParams p, OperationState state, String detail, boolean rolledBack) {
    var view = run.view();
    audit.append(view.actor(), "result", p.service(), p.environment(), run.id(), detail);
    boolean keep =
        rolledBack
            && catalog.environment(p.environment()).map(e -> e.lockAfterRollback()).orElse(false);
    String reason =
        keep
            ? "rolled back by op "
                + run.id()
                + "; /unlock "
                + p.service()
                + " --env "
                + p.environment()
                + " once the fix is ready"
            : null;
    locks.end(p.service(), p.environment(), run.id(), reason);
    if (keep) {
      run.detail(
          new Reply.Text(
              p.service()
                  + " in "
                  + p.environment()
                  + " stays locked after this rollback, so nobody"
                  + " redeploys the bad build; /unlock "
                  + p.service()
                  + " --env "
                  + p.environment()
                  + " when the fix is ready."));
    }
    return run.end(state);
  }

  private static OperationState failed(OperationRun run, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String reference = UUID.randomUUID().toString().substring(0, 8);
    boolean userSafe = cause instanceof ClusterException || cause instanceof RegistryException;
    String detail = userSafe ? cause.getMessage() : "internal error, reference " + reference;
    if (!userSafe) {
      log.error("internal error {} in op {}", reference, run.id(), cause);
    }
    run.view().steps().stream()
        .filter(s -> s.state() == StepState.RUNNING)
        .forEach(s -> run.step(s.name(), StepState.FAILED, detail));
    run.detail(new Reply.Text("Operation " + run.id() + " failed: " + detail));
    return OperationState.FAILED;
  }
}
