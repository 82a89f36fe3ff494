package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.time.Duration;

/**
 * A conversation whose {@link #answer} and {@link #whisper} (replies for the person who typed a
 * command, which nobody waits for) go through an {@link Outbox} and return at once; posts and
 * edits, whose callers need their outcome, go straight to the wrapped conversation. Same id and
 * budget as the wrapped one, so both share one outbox queue and one edit lane. Thread-safe when the
 * wrapped one is.
 */
record QueuedReplies(Conversation inner, Outbox outbox) implements Conversation {

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public MessageRef post(Reply reply) {
    return inner.post(reply);
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    inner.edit(message, reply);
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    return inner.postUnder(parent, reply);
  }

  @Override
  public void answer(Reply reply) {
    outbox.answer(inner, reply);
  }

  @Override
  public void whisper(Actor to, Reply reply) {
    outbox.whisper(inner, to, reply);
  }

  @Override
  public Duration minEditInterval() {
    return inner.minEditInterval();
  }

  @Override
  public EditBudget editBudget() {
    return inner.editBudget();
  }
}
