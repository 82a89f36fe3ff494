package dev.deckhand.commands.model;

import java.util.List;
import java.util.Objects;

/**
 * A chat user: the platform ({@code console}, {@code slack}, {@code discord}), its id there, a
 * display name, and the ids of the platform groups the user belongs to as far as the event that
 * brought the user told (Discord role ids; empty where the platform did not say). Roles of the
 * catalog may name the user's id or one of those group ids. Groups are not stored: an actor read
 * back from the store has none.
 */
public record Actor(String platform, String id, String displayName, List<String> groups) {
  public Actor {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    groups = List.copyOf(groups);
  }

  /** An actor known by id only. */
  public Actor(String platform, String id, String displayName) {
    this(platform, id, displayName, List.of());
  }

  @Override
  public String toString() {
    return displayName;
  }
}
