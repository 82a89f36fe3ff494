package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.ApprovalStore;

/**
 * Whose vote counts on a request: never the requester's, from whichever platform the requester
 * votes (people are compared, not platform ids); only members of the policy's role; and only
 * holders of {@code approve:<env>} (in an open catalog, anyone outside a protected environment).
 * Pure and thread-safe.
 */
final class Approvers {
  private final Permissions permissions;

  Approvers(Permissions permissions) {
    this.permissions = permissions;
  }

  /**
   * Why the voter's vote does not count, or null when it does. When the platform cannot say whether
   * the voter is in a group (an outage, a missing scope), the vote does not count and the answer
   * says so, so that it is told in the thread instead of being lost.
   */
  String whyNot(Actor voter, OperationRun run, ApprovalStore.Request r) {
    try {
      return check(voter, run, r);
    } catch (UsageException e) {
      return "The vote of "
          + voter.displayName()
          + " on op "
          + run.id()
          + " could not be checked: "
          + e.problem()
          + ". React again in a minute.";
    }
  }

  private String check(Actor voter, OperationRun run, ApprovalStore.Request r) {
    String env = run.header().environment();
    if (same(voter, run.header().actor())) {
      Actor requester = run.header().actor();
      if (requester.platform().equals(voter.platform()) && requester.id().equals(voter.id())) {
        return voter.displayName()
            + " asked for op "
            + run.id()
            + "; a requester's own approval does not count.";
      }
      return voter.displayName()
          + " asked for op "
          + run.id()
          + " (as "
          + requester.displayName()
          + " on "
          + requester.platform()
          + "): you requested this, and a requester's own approval does not count.";
    }
    if (r.fromRole() != null && !permissions.inRole(voter, r.fromRole())) {
      return voter.displayName()
          + " is not in "
          + r.fromRole()
          + "; only they can approve op "
          + run.id()
          + ".";
    }
    if (!permissions.allows(voter, "approve", env)) {
      return voter.displayName()
          + " lacks the grant approve:"
          + env
          + "; the vote on op "
          + run.id()
          + " does not count.";
    }
    return null;
  }

  /**
   * The same person: the catalog links both ids to one person, or they are the same platform id
   * (display names may repeat).
   */
  boolean same(Actor a, Actor b) {
    return permissions.samePerson(a, b);
  }

  /** The person a voter is, as the catalog says. */
  String person(Actor a) {
    return identify(a).person();
  }

  /** The actor with its person, as the catalog says (the store keys votes by person). */
  Actor identify(Actor a) {
    return permissions.identify(a);
  }
}
