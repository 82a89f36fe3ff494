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
 * flight at a time, within the budget. Thread-safe.
 */
public final class LiveMessages {
  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final Map<EditBudget, EditLane> lanes = new ConcurrentHashMap<>();

  public LiveMessages(ScheduledExecutorService scheduler, Executor io) {
    this.scheduler = scheduler;
    this.io = io;
  }

  /** Posts the first state of a new live message. Blocks on the chat platform. */
  public LiveMessage post(Conversation conversation, Reply first) {
    MessageRef ref = conversation.post(first);
    return attach(conversation, ref);
  }

  /** Continues editing a message posted earlier (after a restart, say). */
  public LiveMessage attach(Conversation conversation, MessageRef ref) {
    EditLane lane =
        lanes.computeIfAbsent(conversation.editBudget(), b -> new EditLane(b, scheduler, io));
    return new LiveMessage(conversation, ref, scheduler, lane, System::nanoTime);
  }
}
