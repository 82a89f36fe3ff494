package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Creates {@link LiveMessage}s that share one scheduler (for spacing edits) and one executor (for
 * the blocking calls to the chat platform). Thread-safe.
 */
public final class LiveMessages {
  private final ScheduledExecutorService scheduler;
  private final Executor io;

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
    return new LiveMessage(conversation, ref, scheduler, io, System::nanoTime);
  }
}
