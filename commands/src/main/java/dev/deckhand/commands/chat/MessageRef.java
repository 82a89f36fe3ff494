package dev.deckhand.commands.chat;

import java.util.Objects;

/** A message the bot posted: its conversation and the platform's id for it. Opaque to the core. */
public record MessageRef(String conversation, String id) {
  public MessageRef {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(id, "id");
  }
}
