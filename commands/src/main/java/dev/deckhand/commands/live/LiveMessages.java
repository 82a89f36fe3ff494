package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Creates {@link LiveMessage}s that share one scheduler (for spacing edits) and one executor (for
 * the blocking calls to the chat platform). Messages whose conversations share an {@link
 * EditBudget} (one Slack workspace) send their edits through one {@link EditLane}: one edit in
 * flight at a time, within the budget. In a conversation with a budget, {@link #BOARD_FROM} or more
 * operations unfinished at once are also shown on one {@link ChannelBoard} (ADR 0008). Thread-safe.
 */
public final class LiveMessages {
  /** How many unfinished operations in one channel make a board, by default. */
  public static final int BOARD_FROM = 3;

  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final int boardFrom;
  private final Map<EditBudget, EditLane> lanes = new ConcurrentHashMap<>();
  private final Map<Channel, ChannelBoard> boards = new ConcurrentHashMap<>();

  /** A conversation, told apart across workspaces by its budget. */
  private record Channel(EditBudget budget, String id) {}

  public LiveMessages(ScheduledExecutorService scheduler, Executor io) {
    this(scheduler, io, BOARD_FROM);
  }

  /**
   * @param boardFrom how many unfinished operations in one channel make a board; 0 for never
   */
  public LiveMessages(ScheduledExecutorService scheduler, Executor io, int boardFrom) {
    if (boardFrom == 1 || boardFrom < 0) {
      throw new IllegalArgumentException("a board needs 2 or more operations, or 0 for none");
    }
    this.scheduler = scheduler;
    this.io = io;
    this.boardFrom = boardFrom;
  }

  /** Posts the first state of a new live message. Blocks on the chat platform. */
  public LiveMessage post(Conversation conversation, Reply first) {
    MessageRef ref = conversation.post(first);
    LiveMessage live = attach(conversation, ref);
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
        conversation.editBudget(), b -> new EditLane(b, scheduler, io, System::nanoTime));
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
                        null)));
  }
}
