package dev.deckhand.commands.policy;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Memberships;
import java.util.List;

/**
 * Who may do what, where: roles from the catalog map platform user ids to grants of the form {@code
 * action:environment}, with {@code *} for any action or environment. A role's member entries are
 * user ids or group ids, told apart by {@link Memberships}. A catalog with no roles at all grants
 * everything (a single-operator setup). Thread-safe; blocks where {@link Memberships} does.
 */
public final class Permissions {
  private final Catalog catalog;
  private final Memberships memberships;

  public Permissions(Catalog catalog, Memberships memberships) {
    this.catalog = catalog;
    this.memberships = memberships;
  }

  /** Member entries are user ids only. */
  public Permissions(Catalog catalog) {
    this(catalog, Memberships.IDS);
  }

  /** True when the catalog defines roles, so that grants are enforced. */
  public boolean enforced() {
    return !catalog.roles().isEmpty();
  }

  public List<RoleSpec> rolesOf(Actor actor) {
    return catalog.roles().values().stream().filter(r -> member(r, actor)).toList();
  }

  /**
   * The role names the actor's id or a group the event said the actor is in (Discord role ids), or
   * the platform says a group of the role holds the actor (Slack user groups, looked up).
   */
  private boolean member(RoleSpec role, Actor actor) {
    if (role.hasMember(actor)) {
      return true;
    }
    return role.members().getOrDefault(actor.platform(), List.of()).stream()
        .anyMatch(m -> memberships.includes(m, actor));
  }

  public boolean inRole(Actor actor, String role) {
    RoleSpec spec = catalog.roles().get(role);
    return spec != null && member(spec, actor);
  }

  public boolean allows(Actor actor, String action, String environment) {
    if (!enforced()) {
      return true;
    }
    return rolesOf(actor).stream()
        .flatMap(r -> r.grants().stream())
        .anyMatch(g -> matches(g, action, environment));
  }

  /** Throws a refusal naming the missing grant and who has it, unless allowed. */
  public void require(Actor actor, String action, String environment) {
    if (allows(actor, action, environment)) {
      return;
    }
    String grant = action + ":" + environment;
    List<String> holders =
        catalog.roles().values().stream()
            .filter(r -> r.grants().stream().anyMatch(g -> matches(g, action, environment)))
            .map(r -> r.name() + members(r))
            .toList();
    throw new UsageException(
        actor.displayName()
            + " may not "
            + action
            + " in "
            + environment
            + ": that needs the grant "
            + grant,
        holders.isEmpty()
            ? "no role has it; add it to a role in the catalog"
            : "it is held by " + String.join(", ", holders) + "; /whoami shows your grants");
  }

  static boolean matches(String grant, String action, String environment) {
    int colon = grant.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String a = grant.substring(0, colon);
    String e = grant.substring(colon + 1);
    return (a.equals("*") || a.equals(action)) && (e.equals("*") || e.equals(environment));
  }

  private static String members(RoleSpec r) {
    List<String> names = r.members().values().stream().flatMap(List::stream).limit(5).toList();
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }
}
