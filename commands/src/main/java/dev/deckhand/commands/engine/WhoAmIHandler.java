package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.WhoAmI;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.policy.Permissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /whoami}: the actor as Deckhand sees it: its platform id, the person it is with the ids
 * linked to that person, its roles and grants.
 */
public final class WhoAmIHandler implements Handler<WhoAmI> {
  private final Permissions permissions;

  public WhoAmIHandler(Permissions permissions) {
    this.permissions = permissions;
  }

  @Override
  public void handle(WhoAmI w, Request request) {
    Actor a = request.actor();
    List<String> lines = new ArrayList<>();
    lines.add("user: " + a.displayName() + " (" + a.platform() + " id " + a.id() + ")");
    lines.add(person(a));
    List<RoleSpec> roles = permissions.rolesOf(a);
    if (roles.isEmpty()) {
      lines.add("roles: none");
    }
    for (RoleSpec r : roles) {
      lines.add("role " + r.name() + ": " + String.join(", ", r.grants()));
    }
    request.conversation().answer(new Reply.Listing("Who you are", lines));
  }

  private String person(Actor a) {
    return permissions
        .personOf(a)
        .map(
            p ->
                "person: "
                    + p.name()
                    + " (linked: "
                    + p.ids().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                    + ")")
        .orElse(
            "person: "
                + Actor.unlinked(a.platform(), a.id())
                + " (linked to no one; the catalog's people: section links ids across platforms)");
  }
}
