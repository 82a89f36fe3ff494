package dev.deckhand.commands.ports;

import dev.deckhand.commands.chat.Conversation;
import java.util.Optional;

/**
 * The chat channels the running adapters can write to, by id, so that an operation resumed after a
 * restart (or expiring on a timer) can edit its message. Thread-safe.
 */
public interface Conversations {
  Optional<Conversation> find(String id);
}
