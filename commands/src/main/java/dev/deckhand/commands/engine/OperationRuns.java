package dev.deckhand.commands.engine;

import dev.deckhand.commands.live.LiveMessages;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.OperationStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts operations (stored first, then posted) and keeps track of the ones still running, so that
 * a shutdown can wait for them. Thread-safe.
 */
public final class OperationRuns {
  private final OperationStore store;
  private final LiveMessages messages;
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

  public OperationRuns(OperationStore store, LiveMessages messages) {
    this.store = store;
    this.messages = messages;
  }

  /** Creates the operation in the store, posts its live message and records the message id. */
  public OperationRun start(
      String kind,
      OperationRun.Header header,
      String service,
      Request request,
      List<StepRecord> steps,
      TargetLocks.Claim claim) {
    long id =
        store.create(
            kind,
            request.actor(),
            service,
            header.environment(),
            request.invocation().text(),
            OperationState.RUNNING,
            steps,
            request.conversation().id(),
            java.util.Map.of());
    OperationRun run = new OperationRun(store, id, header, steps, System::nanoTime);
    dev.deckhand.commands.live.LiveMessage live;
    try {
      live = messages.post(request.conversation(), run.view());
    } catch (RuntimeException e) {
      // Nothing has changed yet: end the operation rather than leave it running forever.
      run.skipPending("the operation's chat message could not be posted");
      store.update(id, OperationState.FAILED, run.view().steps());
      throw e;
    }
    run.attach(live);
    store.attachMessage(id, live.ref().id());
    claim.heldBy(id, header.summary());
    return run;
  }

  /**
   * Tracks the future that ends an operation until it completes, and keeps its target claimed until
   * then.
   */
  public void track(CompletableFuture<?> completion, TargetLocks.Claim claim) {
    running.add(completion);
    claim.releaseWhen(completion);
    completion.whenComplete((r, e) -> running.remove(completion));
  }

  /** The change-cause annotation of an operation: who did what, and the op id to look it up. */
  static String changeCause(OperationRun run, Request request, String what) {
    return "deckhand op " + run.id() + ": " + request.actor().displayName() + " " + what;
  }

  public int runningCount() {
    return running.size();
  }

  /** Waits up to {@code bound} for every tracked operation; true if all ended. */
  public boolean awaitIdle(Duration bound) throws InterruptedException {
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
          .handle((r, e) -> null)
          .get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }
}
