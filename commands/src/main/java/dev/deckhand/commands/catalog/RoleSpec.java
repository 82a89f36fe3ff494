package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Actor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A role: its members per platform ({@code console}, {@code slack}, {@code discord} → user or group
 * ids, or group ids such as Discord role ids), the people of the catalog it holds (on every
 * platform they are linked on), and its grants ({@code action:environment}, {@code *} wildcards).
 */
public record RoleSpec(
    String name, Map<String, List<String>> members, List<String> people, List<String> grants) {
  public RoleSpec {
    Objects.requireNonNull(name, "name");
    members = Map.copyOf(members);
    people = List.copyOf(people);
    grants = List.copyOf(grants);
  }

  /** A role of platform ids and groups only. */
  public RoleSpec(String name, Map<String, List<String>> members, List<String> grants) {
    this(name, members, List.of(), grants);
  }

  public boolean hasMember(String platform, String id) {
    return members.getOrDefault(platform, List.of()).contains(id);
  }

  /**
   * True when the role names the actor's person, or its id or one of its groups on the actor's
   * platform. The actor's person must have been resolved ({@link People#identify}).
   */
  public boolean hasMember(Actor actor) {
    if (actor.linked() && people.contains(actor.person())) {
      return true;
    }
    List<String> ids = members.getOrDefault(actor.platform(), List.of());
    return ids.contains(actor.id()) || actor.groups().stream().anyMatch(ids::contains);
  }
}
