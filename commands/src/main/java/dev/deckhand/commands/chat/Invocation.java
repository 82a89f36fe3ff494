package dev.deckhand.commands.chat;

import dev.deckhand.commands.model.Actor;
import java.util.Objects;

/**
 * One command as a chat adapter received it.
 *
 * @param actor who typed it
 * @param conversation the channel it came from (the adapter's id)
 * @param text the command text, with or without a leading slash
 * @param idempotencyKey the platform's delivery id; a second delivery with the same key runs
 *     nothing
 */
public record Invocation(Actor actor, String conversation, String text, String idempotencyKey) {
  public Invocation {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
