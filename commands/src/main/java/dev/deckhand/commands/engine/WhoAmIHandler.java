package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.WhoAmI;
import dev.deckhand.commands.model.Actor;
import java.util.ArrayList;
import java.util.List;

/** {@code /whoami}: the actor as Deckhand sees it, with its roles and grants. */
public final class WhoAmIHandler implements Handler<WhoAmI> {
  private final Catalog catalog;

  public WhoAmIHandler(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void handle(WhoAmI w, Request request) {
    Actor a = request.actor();
    List<String> lines = new ArrayList<>();
    lines.add("user: " + a.displayName() + " (" + a.platform() + " id " + a.id() + ")");
    List<RoleSpec> roles = catalog.roles().values().stream().filter(r -> r.hasMember(a)).toList();
    if (roles.isEmpty()) {
      lines.add("roles: none");
    }
    for (RoleSpec r : roles) {
      lines.add("role " + r.name() + ": " + String.join(", ", r.grants()));
    }
    request.conversation().answer(new Reply.Listing("Who you are", lines));
  }
}
