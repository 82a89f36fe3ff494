package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.live.LiveMessage;
import dev.deckhand.commands.live.LiveMessages;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.OperationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts operations (stored first, then posted), re-attaches those a restart interrupted, and keeps
 * the ones not yet ended, so that approvals can find them and a shutdown can wait for them.
 * Thread-safe.
 */
public final class OperationRuns {
  private final OperationStore store;
  private final LiveMessages messages;
  private final Clock clock;
  private final Map<Long, OperationRun> open = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

  public OperationRuns(OperationStore store, LiveMessages messages, Clock clock) {
    this.store = store;
    this.messages = messages;
    this.clock = clock;
  }

  /**
   * Creates the operation in the store and posts its live message. The caller records the message's
   * id ({@link #attachMessage}) with the rest of the start, which ends the operation if anything of
   * it fails.
   */
  OperationRun start(
      String kind,
      OperationRun.Header header,
      Request request,
      List<StepRecord> steps,
      OperationState state,
      String service,
      Map<String, String> params) {
    long id =
        store.create(
            kind,
            request.actor(),
            service,
            header.environment(),
            request.invocation().text(),
            state,
            steps,
            request.conversation().id(),
            params);
    OperationRun run =
        new OperationRun(store, id, kind, header, steps, state, Duration.ZERO, System::nanoTime);
    LiveMessage live;
    try {
      live = messages.post(request.conversation(), run.view());
    } catch (RuntimeException e) {
      // Nothing has changed yet: end the operation rather than leave it running forever.
      String why = "the operation's chat message could not be posted";
      run.skipPending(why);
      store.end(
          id,
          new OperationStore.Ending(
              OperationState.FAILED,
              run.view().steps(),
              null,
              request.actor(),
              service,
              header.environment(),
              header.summary() + ": failed (" + why + ")",
              null));
      throw e;
    }
    run.attach(live);
    open.put(id, run);
    return run;
  }

  /**
   * Rebuilds a stored, unfinished operation and keeps editing its message in {@code chat}; an
   * operation whose message was never posted (a crash right after it was stored) gets one now.
   */
  OperationRun reattach(OperationRecord r, Conversation chat, Plan<?> plan) {
    OperationRun run =
        new OperationRun(
            store,
            r.id(),
            r.kind(),
            new OperationRun.Header(
                plan.summary(), r.requester(), r.environment(), plan.target().toString()),
            r.steps(),
            r.state(),
            Duration.between(r.created(), clock.instant()),
            System::nanoTime);
    if (r.messageId().isEmpty()) {
      LiveMessage live = messages.post(chat, run.view());
      run.attach(live);
      store.attachMessage(r.id(), live.ref().id());
    } else {
      run.attach(messages.attach(chat, new MessageRef(chat.id(), r.messageId())));
    }
    open.put(r.id(), run);
    return run;
  }

  /** Records the id of the run's live message, so that a restart finds it. */
  void attachMessage(OperationRun run) {
    store.attachMessage(run.id(), run.messageRef().id());
  }

  /** The run, not yet ended in this process, whose live message this is. */
  Optional<OperationRun> openWithMessage(String conversation, String messageId) {
    return open.values().stream()
        .filter(r -> r.messageRef() != null)
        .filter(
            r ->
                r.messageRef().conversation().equals(conversation)
                    && r.messageRef().id().equals(messageId))
        .findFirst();
  }

  /** The run of an operation not yet ended in this process. */
  Optional<OperationRun> open(long id) {
    return Optional.ofNullable(open.get(id));
  }

  void updateParams(long id, Map<String, String> params) {
    store.updateParams(id, params);
  }

  Map<String, String> params(long id) {
    return store.params(id);
  }

  /** Tracks the future that ends an operation until it completes. */
  void track(OperationRun run, CompletableFuture<?> completion) {
    running.add(completion);
    completion.whenComplete(
        (r, e) -> {
          running.remove(completion);
          open.remove(run.id());
        });
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
