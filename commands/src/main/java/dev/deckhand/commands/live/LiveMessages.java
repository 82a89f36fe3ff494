package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.ports.BoardStore;
import dev.deckhand.commands.ports.Conversations;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@link LiveMessage}s that share one scheduler (for spacing edits) and one executor (for
 * the blocking calls to the chat platform). Messages whose conversations share an {@link
 * EditBudget} (one Slack workspace) send their edits through one {@link EditLane}: one edit in
 * flight at a time, within the budget. In a conversation with a budget, {@link #BOARD_FROM} or more
 * operations unfinished at once are also shown on one {@link ChannelBoard} (ADR 0008). Thread-safe.
 */
public final class LiveMessages {
  /** What a board left open by a crash says once the next start has closed it. */
  static final Reply LEFT_BEHIND =
      new Reply.Text(
          "This board stopped when Deckhand restarted. Each operation's own message shows how it"
              + " ended; operations still running get a new board if they are many.");

  private static final Logger log = LoggerFactory.getLogger(LiveMessages.class);

  /** How many unfinished operations in one channel make a board, by default. */
  public static final int BOARD_FROM = 3;

  /** Attempts of a live message's first post refused by rate limits before it is given up. */
  /**
   * How long, in Retry-After waits added up, a live message's first post keeps trying while the
   * platform rate-limits it. A count of attempts is no bound here: in a busy channel each attempt
   * can land in another post's Retry-After window and be refused at once.
   */
  public static final Duration MAX_RATE_LIMITED_WAIT = Duration.ofMinutes(2);

  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final int boardFrom;
  private final BoardStore boardStore;
  private final Duration finalPatience;
  private final Outbox outbox;
  private final Map<EditBudget, EditLane> lanes = new ConcurrentHashMap<>();
  private final Map<Channel, ChannelBoard> boards = new ConcurrentHashMap<>();

  /** A conversation, told apart across workspaces by its budget. */
  private record Channel(EditBudget budget, String id) {}

  /** Boards from {@link #BOARD_FROM} operations, not remembered across a restart. */
  public LiveMessages(ScheduledExecutorService scheduler, Executor io) {
    this(scheduler, io, BOARD_FROM, BoardStore.NONE);
  }

  /**
   * @param boardFrom how many unfinished operations in one channel make a board; 0 for never
   * @param boardStore remembers the boards posted until they are closed
   */
  public LiveMessages(
      ScheduledExecutorService scheduler, Executor io, int boardFrom, BoardStore boardStore) {
    this(scheduler, io, boardFrom, boardStore, EditLane.FINAL_PATIENCE, io);
  }

  /**
   * As above, with the executor of the {@link Outbox}'s posts apart from {@code io}, so that a
   * saturated {@code io} (every worker busy) does not hold back answers such as "Deckhand is busy".
   */
  public LiveMessages(
      ScheduledExecutorService scheduler,
      Executor io,
      int boardFrom,
      BoardStore boardStore,
      Executor outboxIo) {
    this(scheduler, io, boardFrom, boardStore, EditLane.FINAL_PATIENCE, outboxIo);
  }

  /** As above, with how long a final state waits while its board shows it (tests). */
  LiveMessages(
      ScheduledExecutorService scheduler,
      Executor io,
      int boardFrom,
      BoardStore boardStore,
      Duration finalPatience) {
    this(scheduler, io, boardFrom, boardStore, finalPatience, io);
  }

  private LiveMessages(
      ScheduledExecutorService scheduler,
      Executor io,
      int boardFrom,
      BoardStore boardStore,
      Duration finalPatience,
      Executor outboxIo) {
    this.finalPatience = finalPatience;
    if (boardFrom == 1 || boardFrom < 0) {
      throw new IllegalArgumentException("a board needs 2 or more operations, or 0 for none");
    }
    this.scheduler = scheduler;
    this.io = io;
    this.boardFrom = boardFrom;
    this.boardStore = boardStore;
    this.outbox = new Outbox(scheduler, outboxIo, Outbox.BOUND);
  }

  /** The queue of posts that need no answer on the calling thread, shared by every message. */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Posts the first state of a new live message. Blocks on the chat platform for one call; a post
   * refused with {@link RateLimitedException} is thrown back at once.
   */
  public LiveMessage post(Conversation conversation, Reply first) {
    return posted(conversation, first, conversation.post(first));
  }

  /**
   * Posts the first state of a new live message without ever waiting out a rate limit on the
   * calling thread: the post is made at once on the calling thread (blocking for that one call);
   * when the platform refuses it with {@link RateLimitedException}, it is made again on the
   * executor once the Retry-After has passed, timed by the scheduler, until the waits add up to
   * {@link #MAX_RATE_LIMITED_WAIT}. The future completes with the message, or fails with the last
   * error (any error but a rate limit ends the attempts at once). Check {@link
   * CompletableFuture#isDone()} to tell whether the post was made before this returned.
   */
  public CompletableFuture<LiveMessage> postSoon(Conversation conversation, Reply first) {
    CompletableFuture<LiveMessage> result = new CompletableFuture<>();
    attemptPost(conversation, first, 0, result);
    return result;
  }

  private void attemptPost(
      Conversation conversation,
      Reply first,
      long waitedMillis,
      CompletableFuture<LiveMessage> result) {
    MessageRef ref;
    try {
      ref = conversation.post(first);
    } catch (RateLimitedException e) {
      long wait = Math.max(1, e.retryAfter().toMillis());
      if (waitedMillis + wait > MAX_RATE_LIMITED_WAIT.toMillis()) {
        result.completeExceptionally(e);
        return;
      }
      log.info(
          "posting a live message in {} rate-limited, trying again after {} ms",
          conversation.id(),
          e.retryAfter().toMillis());
      retryPost(() -> attemptPost(conversation, first, waitedMillis + wait, result), wait, result);
      return;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    try {
      result.complete(posted(conversation, first, ref));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** Runs {@code attempt} on the executor after {@code millis}; a full executor is asked again. */
  private void retryPost(Runnable attempt, long millis, CompletableFuture<LiveMessage> result) {
    try {
      scheduler.schedule(
          () -> {
            try {
              io.execute(attempt);
            } catch (RejectedExecutionException full) {
              retryPost(attempt, 100, result);
            }
          },
          millis,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      result.completeExceptionally(stopped);
    }
  }

  private LiveMessage posted(Conversation conversation, Reply first, MessageRef ref) {
    LiveMessage live = attach(conversation, ref);
    live.shows(first);
    ChannelBoard board = board(conversation);
    if (board != null) {
      board.changed(ref, first);
    }
    return live;
  }

  /**
   * Continues editing a message posted earlier (after a restart, say); it joins its channel's board
   * with its next state.
   */
  public LiveMessage attach(Conversation conversation, MessageRef ref) {
    return new LiveMessage(
        conversation,
        ref,
        scheduler,
        lane(conversation),
        System::nanoTime,
        false,
        board(conversation),
        outbox);
  }

  /** The lane of a conversation's budget, for tests. */
  EditLane laneOf(Conversation conversation) {
    return lane(conversation);
  }

  private EditLane lane(Conversation conversation) {
    return lanes.computeIfAbsent(
        conversation.editBudget(),
        b -> new EditLane(b, scheduler, io, System::nanoTime, finalPatience));
  }

  /** The channel's board keeper; none where edits are not budgeted (the console). */
  private ChannelBoard board(Conversation conversation) {
    EditBudget budget = conversation.editBudget();
    if (boardFrom == 0 || budget == EditBudget.UNLIMITED) {
      return null;
    }
    return boards.computeIfAbsent(
        new Channel(budget, conversation.id()),
        c ->
            new ChannelBoard(
                conversation,
                boardFrom,
                io,
                ref ->
                    new LiveMessage(
                        conversation,
                        ref,
                        scheduler,
                        lane(conversation),
                        System::nanoTime,
                        true,
                        null,
                        outbox),
                boardStore,
                lane(conversation)::wake));
  }

  /**
   * Closes the boards an earlier process posted and never closed (it crashed, or could not edit
   * them before it stopped): each is edited once to say that it stopped and where the outcome is,
   * then forgotten. A board whose channel is not connected now, or whose edit fails, stays
   * remembered for the next start. Blocks on the chat platform; call before operations resume.
   *
   * @return how many boards were closed
   */
  public int closeLeftBehind(Conversations conversations) {
    int closed = 0;
    for (MessageRef board : boardStore.open()) {
      Optional<Conversation> chat = conversations.find(board.conversation());
      if (chat.isEmpty()) {
        log.warn(
            "board {} in {} cannot be closed: not connected", board.id(), board.conversation());
        continue;
      }
      try {
        chat.get().edit(board, LEFT_BEHIND);
        boardStore.closed(board);
        closed++;
      } catch (RuntimeException e) {
        log.warn(
            "board {} in {} was not closed: {}", board.id(), board.conversation(), e.toString());
      }
    }
    return closed;
  }
}
