package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.model.Actor;

/** One invocation with the conversation to answer in. */
public record Request(Invocation invocation, Conversation conversation) {
  public Actor actor() {
    return invocation.actor();
  }
}
