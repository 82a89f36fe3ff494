package dev.deckhand.commands.chat;

import dev.deckhand.commands.model.Actor;
import java.time.Duration;

/**
 * A chat channel the bot can write to, implemented by each chat adapter.
 *
 * <p>Calls may block on the platform's API and are made from the bot's executor, never from the
 * platform's event thread. Implementations are thread-safe. Edits of one message are already
 * coalesced and spaced by the caller to {@link #minEditInterval()} and to the shared {@link
 * #editBudget()}. A call refused by the platform's rate limit throws {@link RateLimitedException}
 * and is not retried by the implementation.
 */
public interface Conversation {

  /** The adapter's id for this channel. */
  String id();

  /** Posts a new message and returns its reference. */
  MessageRef post(Reply reply);

  /** Replaces the content of a message the bot posted earlier. */
  void edit(MessageRef message, Reply reply);

  /** Posts a reply under a message (a thread where the platform has them). */
  MessageRef postUnder(MessageRef parent, Reply reply);

  /** Shows a reply to the invoking person only where the platform can; posts it otherwise. */
  default void answer(Reply reply) {
    post(reply);
  }

  /**
   * Shows a reply only to {@code to}, who typed the command being answered, where the platform can
   * (Slack's ephemeral messages); elsewhere the same as {@link #answer(Reply)}. Used for refusals,
   * usage problems, internal errors and help, which concern nobody else in the channel.
   */
  default void whisper(Actor to, Reply reply) {
    answer(reply);
  }

  /** The shortest time between two edits of one message that the platform tolerates. */
  Duration minEditInterval();

  /**
   * The budget this conversation's edits share with others of the same workspace (Slack counts
   * {@code chat.update} per workspace). Unlimited unless the platform has such a budget.
   */
  default EditBudget editBudget() {
    return EditBudget.UNLIMITED;
  }
}
