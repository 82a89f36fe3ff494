package dev.deckhand.commands.chat;

import dev.deckhand.commands.model.Actor;
import java.time.Duration;

/**
 * A conversation whose replies pass through a {@link Redactor} before the adapter renders them.
 * Spacing and budget are the wrapped conversation's own, so wrapped and unwrapped copies of one
 * channel share one edit queue. Thread-safe when the wrapped one is.
 */
record RedactingConversation(Conversation inner, Redactor redactor) implements Conversation {

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public MessageRef post(Reply reply) {
    return inner.post(redactor.redact(reply));
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    inner.edit(message, redactor.redact(reply));
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    return inner.postUnder(parent, redactor.redact(reply));
  }

  @Override
  public void answer(Reply reply) {
    inner.answer(redactor.redact(reply));
  }

  @Override
  public void whisper(Actor to, Reply reply) {
    inner.whisper(to, redactor.redact(reply));
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
