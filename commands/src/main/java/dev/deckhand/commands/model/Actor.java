package dev.deckhand.commands.model;

import java.util.List;
import java.util.Objects;

/**
 * A chat user: the platform ({@code console}, {@code slack}, {@code discord}), its id there, a
 * display name, the ids of the platform groups the user belongs to as far as the event that brought
 * the user told (Discord role ids; empty where the platform did not say), and the person it is.
 * Roles of the catalog may name the user's id, one of those group ids, or the person. Groups are
 * not stored: an actor read back from the store has none.
 *
 * @param person the catalog's person for this id (its {@code people:} section), or {@code
 *     platform:id} for an id that maps to no person; null or blank is taken as the latter
 */
public record Actor(
    String platform, String id, String displayName, List<String> groups, String person) {
  public Actor {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    groups = List.copyOf(groups);
    if (person == null || person.isBlank()) {
      person = unlinked(platform, id);
    }
  }

  /** An actor with its platform groups, not yet linked to a person. */
  public Actor(String platform, String id, String displayName, List<String> groups) {
    this(platform, id, displayName, groups, null);
  }

  /** An actor known by id only. */
  public Actor(String platform, String id, String displayName) {
    this(platform, id, displayName, List.of(), null);
  }

  /** The person name of an id that maps to no person: {@code platform:id}. */
  public static String unlinked(String platform, String id) {
    return platform + ":" + id;
  }

  /** The same actor as the given person. */
  public Actor withPerson(String name) {
    return new Actor(platform, id, displayName, groups, name);
  }

  /** True when the catalog links this id to a named person. */
  public boolean linked() {
    return !person.equals(unlinked(platform, id));
  }

  @Override
  public String toString() {
    return displayName;
  }
}
