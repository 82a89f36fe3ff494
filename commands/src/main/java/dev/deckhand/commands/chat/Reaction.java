package dev.deckhand.commands.chat;

import dev.deckhand.commands.model.Actor;
import java.util.Objects;

/**
 * A reaction added to or removed from a message, as a chat adapter received it.
 *
 * @param emoji the platform's name or character ({@code white_check_mark}, {@code ✅}, {@code x})
 * @param added true for added, false for removed
 * @param idempotencyKey the platform's delivery id; a repeat counts once
 */
public record Reaction(
    Actor actor,
    String conversation,
    String messageId,
    String emoji,
    boolean added,
    String idempotencyKey) {
  public Reaction {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(emoji, "emoji");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /** ✅ and its names approve; ❌ and its names reject; anything else means nothing. */
  public Vote vote() {
    return switch (emoji) {
      case "✅", "white_check_mark", "heavy_check_mark", "✔", "✔️", "+1", "👍" -> Vote.APPROVE;
      case "❌", "x", "heavy_multiplication_x", "✖", "✖️", "-1", "👎" -> Vote.REJECT;
      default -> Vote.NONE;
    };
  }

  /** What a reaction means on an approval request. */
  public enum Vote {
    APPROVE,
    REJECT,
    NONE
  }
}
