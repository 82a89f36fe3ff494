package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.WhoAmI;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.policy.Permissions;
import java.util.ArrayList;
import java.util.List;

/** {@code /whoami}: the actor as Deckhand sees it, with its roles and grants. */
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
    List<RoleSpec> roles = permissions.rolesOf(a);
    if (roles.isEmpty()) {
      lines.add("roles: none");
    }
    for (RoleSpec r : roles) {
      lines.add("role " + r.name() + ": " + String.join(", ", r.grants()));
    }
    request.conversation().answer(new Reply.Listing("Who you are", lines));
  }
}
