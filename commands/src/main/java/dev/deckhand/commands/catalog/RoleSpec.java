package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Actor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A role: its members per platform ({@code console}, {@code slack}, {@code discord} → user or group
 * ids, or group ids such as Discord role ids) and its grants ({@code action:environment}, {@code *}
 * wildcards).
 */
public record RoleSpec(String name, Map<String, List<String>> members, List<String> grants) {
  public RoleSpec {
    Objects.requireNonNull(name, "name");
    members = Map.copyOf(members);
    grants = List.copyOf(grants);
  }

  public boolean hasMember(String platform, String id) {
    return members.getOrDefault(platform, List.of()).contains(id);
  }

  /** True when the role names the actor's id, or one of its groups, on the actor's platform. */
  public boolean hasMember(Actor actor) {
    List<String> ids = members.getOrDefault(actor.platform(), List.of());
    return ids.contains(actor.id()) || actor.groups().stream().anyMatch(ids::contains);
  }
}
