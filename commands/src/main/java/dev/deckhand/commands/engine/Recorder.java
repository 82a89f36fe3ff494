package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.OperationStore;
import dev.deckhand.commands.ports.RegistryException;
import dev.deckhand.commands.ports.Timeline;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an operation of any kind whatever happened: an unexpected error fails the running step with
 * a reference; then one transaction stores the final state with the timeline entry, the audit row
 * and the lock (released, or kept after a rollback where the environment says so); then the live
 * message gets its final state. A crash before that transaction leaves the operation to the next
 * start, which ends it the same way; after it, nothing is left to do.
 */
public final class Recorder {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);

  /** How often an ending's transaction is tried before it is left to the next start. */
  static final int ENDING_ATTEMPTS = 3;

  private final OperationStore store;
  private final Catalog catalog;
  private final Clock clock;

  public Recorder(OperationStore store, Catalog catalog, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Completes when the final state is recorded and delivered. */
  <P> CompletableFuture<Void> finish(Op<P> op, CompletableFuture<OperationState> flow) {
    OperationRun run = op.run();
    return flow.exceptionally(e -> failed(run, e))
        .thenCompose(
            state -> {
              run.skipPending("");
              var view = run.view();
              OperationKind.Change change = op.change(state);
              Timeline.Entry entry =
                  new Timeline.Entry(
                      run.id(),
                      op.kind().name(),
                      view.actor(),
                      op.plan().service(),
                      op.plan().environment(),
                      change.before(),
                      change.after(),
                      run.elapsed(),
                      state.word(),
                      clock.instant());
              java.util.List<Timeline.Entry> more = new java.util.ArrayList<>();
              var perService = op.changes(state);
              if (!perService.isEmpty()) {
                // One entry per service; the plan's own service's (or the first) is the main one.
                entry = null;
                for (var e : perService.entrySet()) {
                  Timeline.Entry one =
                      new Timeline.Entry(
                          run.id(),
                          op.kind().name(),
                          view.actor(),
                          e.getKey(),
                          op.plan().environment(),
                          e.getValue().before(),
                          e.getValue().after(),
                          run.elapsed(),
                          state.word(),
                          clock.instant());
                  if (e.getKey().equals(op.plan().service())) {
                    entry = one;
                  } else {
                    more.add(one);
                  }
                }
                if (entry == null) {
                  entry = more.remove(0);
                }
              }
              return end(
                  op,
                  state,
                  entry,
                  more,
                  view.summary() + ": " + state.word(),
                  op.restoresOlder(state));
            })
        .exceptionally(
            e -> {
              log.error("op {} could not be recorded or reported", run.id(), e);
              return null;
            });
  }

  /** Ends an operation that never ran (rejected, expired, cancelled, refused while starting). */
  <P> CompletableFuture<Void> endUnrun(Op<P> op, OperationState state, String why) {
    OperationRun run = op.run();
    run.skipPending(why);
    return end(
            op,
            state,
            null,
            java.util.List.of(),
            run.view().summary() + ": " + state.word() + " (" + why + ")",
            false)
        .exceptionally(
            e -> {
              log.error("op {} could not be ended", run.id(), e);
              return null;
            });
  }

  private <P> CompletableFuture<Void> end(
      Op<P> op,
      OperationState state,
      Timeline.Entry entry,
      java.util.List<Timeline.Entry> more,
      String detail,
      boolean rolledBack) {
    OperationRun run = op.run();
    String service = op.plan().service();
    String env = op.plan().environment();
    boolean keep =
        rolledBack && catalog.environment(env).map(e -> e.lockAfterRollback()).orElse(false);
    String reason =
        keep
            ? "rolled back by op "
                + run.id()
                + "; /unlock "
                + service
                + " --env "
                + env
                + " once the fix is ready"
            : null;
    CompletableFuture<Void> ended =
        run.end(
            state,
            steps ->
                storeEnding(
                    run.id(),
                    new OperationStore.Ending(
                        state,
                        steps,
                        entry,
                        run.header().actor(),
                        service,
                        env,
                        detail,
                        reason,
                        op.locked(),
                        more)));
    if (keep) {
      run.detail(
          new Reply.Text(
              service
                  + " in "
                  + env
                  + " stays locked after this rollback, so nobody redeploys the bad build; /unlock "
                  + service
                  + " --env "
                  + env
                  + " when the fix is ready."));
    }
    return ended;
  }

  /**
   * The ending's transaction, tried again after a failure (it is idempotent, and all or nothing): a
   * store that refuses one commit must not leave the operation running and locked until the next
   * start. A store that refuses every attempt leaves it to the next start, which ends it.
   */
  private void storeEnding(long id, OperationStore.Ending ending) {
    for (int attempt = 1; ; attempt++) {
      try {
        store.end(id, ending);
        return;
      } catch (RuntimeException e) {
        if (attempt == ENDING_ATTEMPTS) {
          throw e;
        }
        log.warn("op {}: ending it failed ({}); trying again", id, e.toString());
      }
    }
  }

  private static OperationState failed(OperationRun run, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String reference = UUID.randomUUID().toString().substring(0, 8);
    boolean userSafe = cause instanceof ClusterException || cause instanceof RegistryException;
    String detail = userSafe ? cause.getMessage() : "internal error, reference " + reference;
    if (!userSafe) {
      log.error("internal error {} in op {}", reference, run.id(), cause);
    }
    try {
      run.failRunning(detail);
    } catch (RuntimeException stored) {
      // The ending below stores the same steps; a store that failed here may take that one.
      log.warn("op {}: could not store its failed step: {}", run.id(), stored.toString());
    }
    run.detail(new Reply.Text("Operation " + run.id() + " failed: " + detail));
    return OperationState.FAILED;
  }
}
