package dev.deckhand.commands.model;

import java.util.Objects;

/**
 * A chat user: the platform ({@code console}, {@code slack}, {@code discord}), its id there, a
 * display name.
 */
public record Actor(String platform, String id, String displayName) {
  public Actor {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
  }

  @Override
  public String toString() {
    return displayName;
  }
}
