package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.People;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.live.LiveMessage;
import dev.deckhand.commands.live.LiveMessages;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.OperationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts operations (stored first, then posted), re-attaches those a restart interrupted, and keeps
 * the ones not yet ended, so that approvals can find them and a shutdown can wait for them.
 * Thread-safe.
 */
public final class OperationRuns {
  private static final Logger log = LoggerFactory.getLogger(OperationRuns.class);

  private final OperationStore store;
  private final LiveMessages messages;
  private final Clock clock;
  private final People people;
  private final Map<Long, OperationRun> open = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

  public OperationRuns(OperationStore store, LiveMessages messages, Clock clock) {
    this(store, messages, clock, People.NONE);
  }

  /**
   * @param people who a requester read back from the store is (the store keeps platform ids only)
   */
  public OperationRuns(OperationStore store, LiveMessages messages, Clock clock, People people) {
    this.store = store;
    this.messages = messages;
    this.clock = clock;
    this.people = people;
  }

  /**
   * Creates the operation in the store, posts its live message, then hands the run to {@code then}
   * (which records the message's id with the rest of the start: {@link #attachMessage}). When the
   * message is posted at once (the usual case), {@code then} runs on the calling thread before this
   * returns, and what it or the post throws reaches the caller. When the chat platform rate-limits
   * the post, this returns at once: the post is made again after the Retry-After without holding a
   * thread ({@link LiveMessages#postSoon}), {@code then} runs on the executor afterwards, and what
   * it throws is answered to the requester through the outbox and logged.
   */
  void start(
      String kind,
      OperationRun.Header header,
      Request request,
      List<StepRecord> steps,
      OperationState state,
      String service,
      Map<String, String> params,
      Consumer<OperationRun> then) {
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
    CompletableFuture<LiveMessage> posting = messages.postSoon(request.conversation(), run.view());
    if (posting.isDone()) {
      LiveMessage live;
      try {
        live = posting.join();
      } catch (CompletionException e) {
        throw notPosted(run, service, e.getCause());
      }
      then.accept(posted(run, live));
      return;
    }
    log.info("op {}: its message waits for the chat's rate limit; the request goes on then", id);
    CompletableFuture<Void> launched =
        posting
            .thenAccept(live -> then.accept(posted(run, live)))
            .whenComplete(
                (r, e) -> {
                  if (e != null) {
                    lateFailure(request, run, service, posting, e);
                  }
                });
    running.add(launched);
    launched.whenComplete((r, e) -> running.remove(launched));
  }

  private OperationRun posted(OperationRun run, LiveMessage live) {
    run.attach(live);
    return run;
  }

  /** Makes a started run findable by votes and commands ({@link #open(long)}). */
  void register(OperationRun run) {
    open.put(run.id(), run);
  }

  /** Nothing has changed yet: ends the operation rather than leave it running forever. */
  private RuntimeException notPosted(OperationRun run, String service, Throwable cause) {
    String why = "the operation's chat message could not be posted";
    run.skipPending(why);
    OperationRun.Header header = run.header();
    store.end(
        run.id(),
        new OperationStore.Ending(
            OperationState.FAILED,
            run.view().steps(),
            null,
            header.actor(),
            service,
            header.environment(),
            header.summary() + ": failed (" + why + ")",
            null));
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }

  /** What a start that had to wait for the chat could not throw at its caller. */
  private void lateFailure(
      Request request,
      OperationRun run,
      String service,
      CompletableFuture<LiveMessage> posting,
      Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (posting.isCompletedExceptionally()) {
      notPosted(run, service, cause);
      log.warn("op {} ended: its message could not be posted: {}", run.id(), cause.toString());
      return; // the chat refuses posts: an answer would not get through either
    }
    Reply answer;
    if (cause instanceof UsageException u) {
      answer = new Reply.Problem(u.problem(), u.hint());
    } else {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      log.error("internal error {} while starting op {}", reference, run.id(), cause);
      answer = new Reply.InternalError(reference);
    }
    messages.outbox().whisper(request.conversation(), request.actor(), answer);
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
                plan.summary(),
                people.identify(r.requester()),
                r.environment(),
                plan.target().toString()),
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
