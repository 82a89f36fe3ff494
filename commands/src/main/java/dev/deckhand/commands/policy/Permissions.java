package dev.deckhand.commands.policy;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.Person;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Memberships;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who may do what, where: roles from the catalog map people and platform user ids to grants of the
 * form {@code action:environment}, with {@code *} for any action or environment. A role's member
 * entries are user ids or group ids, told apart by {@link Memberships}; its people hold it on every
 * platform they are linked on. An open catalog ({@code open: true}, or one with no roles at all,
 * which the loader accepts only for the console) lets anyone do anything except what is {@link
 * #reserved}: break-glass, and approving in a protected environment, always need an explicit grant.
 * Thread-safe; blocks where {@link Memberships} does.
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

  /** True when grants are enforced for everything: the catalog is not open. */
  public boolean enforced() {
    return !open();
  }

  /** True when anyone may do what is not {@link #reserved}. */
  public boolean open() {
    return catalog.open() || catalog.roles().isEmpty();
  }

  /**
   * Actions that need an explicit grant even in an open catalog: break-glass anywhere, and
   * approving in a protected environment.
   */
  public boolean reserved(String action, String environment) {
    if (action.equals("break-glass")) {
      return true;
    }
    return action.equals("approve")
        && catalog.environment(environment).map(e -> e.isProtected()).orElse(true);
  }

  /** The actor as the person the catalog says it is ({@code platform:id} when unlinked). */
  public Actor identify(Actor actor) {
    return catalog.people().identify(actor);
  }

  /** The catalog's person the actor is, if its id is linked to one. */
  public Optional<Person> personOf(Actor actor) {
    return catalog.people().of(actor.platform(), actor.id());
  }

  /** True when both actors are the same person, from whatever platforms. */
  public boolean samePerson(Actor a, Actor b) {
    return catalog.people().same(a, b);
  }

  public List<RoleSpec> rolesOf(Actor actor) {
    Actor who = identify(actor);
    return catalog.roles().values().stream().filter(r -> member(r, who)).toList();
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
    return spec != null && member(spec, identify(actor));
  }

  public boolean allows(Actor actor, String action, String environment) {
    if (open() && !reserved(action, environment)) {
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
            + verb(action)
            + " in "
            + environment
            + ": that needs the grant "
            + grant,
        holders.isEmpty()
            ? "no role has it; add it to a role in the catalog"
                + (open() ? " (even an open catalog grants it only explicitly)" : "")
            : "it is held by " + String.join(", ", holders) + "; /whoami shows your grants");
  }

  /** The action as a verb: {@code logs} and {@code status} are nouns. */
  private static String verb(String action) {
    return switch (action) {
      case "logs" -> "read logs";
      case "status" -> "read the state of deployments";
      default -> action;
    };
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
    List<String> names =
        Stream.concat(r.people().stream(), r.members().values().stream().flatMap(List::stream))
            .limit(5)
            .toList();
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }
}
