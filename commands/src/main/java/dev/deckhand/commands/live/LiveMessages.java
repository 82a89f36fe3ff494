package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.ports.BoardStore;
import dev.deckhand.commands.ports.Conversations;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
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

  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final int boardFrom;
  private final BoardStore boardStore;
  private final Duration finalPatience;
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
    this(scheduler, io, boardFrom, boardStore, EditLane.FINAL_PATIENCE);
  }

  /** As above, with how long a final state waits while its board shows it (tests). */
  LiveMessages(
      ScheduledExecutorService scheduler,
      Executor io,
      int boardFrom,
      BoardStore boardStore,
      Duration finalPatience) {
    this.finalPatience = finalPatience;
    if (boardFrom == 1 || boardFrom < 0) {
      throw new IllegalArgumentException("a board needs 2 or more operations, or 0 for none");
    }
    this.scheduler = scheduler;
    this.io = io;
    this.boardFrom = boardFrom;
    this.boardStore = boardStore;
  }

  /** Posts the first state of a new live message. Blocks on the chat platform. */
  public LiveMessage post(Conversation conversation, Reply first) {
    MessageRef ref = conversation.post(first);
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
        board(conversation));
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
                        null),
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
