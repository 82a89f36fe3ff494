package dev.deckhand.commands.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A role: its members per platform ({@code console}, {@code slack}, {@code discord} → user or group
 * ids) and its grants ({@code action:environment}, {@code *} wildcards).
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
}
