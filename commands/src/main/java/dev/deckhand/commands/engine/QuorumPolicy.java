package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.policy.Freezes;
import dev.deckhand.commands.policy.Permissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy a change passed when it was requested, checked again when its approvals reach the
 * quorum: minutes or hours may have passed, and a freeze may have begun, the requester's grant may
 * have been removed (a catalog edited and the bot restarted), the environment may be bound to other
 * channels, or someone else may hold the service's lock. Checked in that order, before anything is
 * read from the cluster. Thread-safe; blocks where {@link Permissions} and the lock store do.
 */
final class QuorumPolicy {
  /**
   * The stored field that keeps the requester's platform groups (Discord role ids), which the
   * store's actor does not: a grant given through a Discord role is re-checked after a restart too.
   */
  static final String REQUESTER_GROUPS = "requesterGroups";

  private final Catalog catalog;
  private final Kinds kinds;
  private final Permissions permissions;
  private final Freezes freezes;
  private final ServiceLocks locks;
  private final Clock clock;

  QuorumPolicy(
      Catalog catalog,
      Permissions permissions,
      Freezes freezes,
      ServiceLocks locks,
      Clock clock,
      Kinds kinds) {
    this.kinds = kinds;
    this.catalog = catalog;
    this.permissions = permissions;
    this.freezes = freezes;
    this.locks = locks;
    this.clock = clock;
  }

  /** The verdict at quorum. */
  sealed interface Verdict {}

  /** The plan may run; the operation holds the service's lock. */
  record Allowed() implements Verdict {}

  /** The plan may not run any more: the request ends, saying why. */
  record Refused(String why) implements Verdict {}

  /**
   * The policy could not be checked (the platform could not say whether the requester is in a
   * group): nothing is decided, and the next vote checks again.
   */
  record Unknown(String why) implements Verdict {}

  /**
   * Checks the plan of an operation whose approvals reached the quorum. Takes the service's lock
   * again when it was lifted meanwhile, so that an allowed plan runs holding it.
   *
   * @param stored the operation's stored fields, for the requester's groups
   */
  Verdict check(OperationRun run, Plan<?> plan, Map<String, String> stored) {
    return check(run, plan, List.of(plan.service()), stored);
  }

  /** {@link #check}, taking the locks of every service in {@code locked}. */
  Verdict check(OperationRun run, Plan<?> plan, List<String> locked, Map<String, String> stored) {
    Optional<EnvironmentSpec> found = catalog.environment(plan.environment());
    if (found.isEmpty()) {
      return new Refused(plan.environment() + " is no longer in the catalog");
    }
    EnvironmentSpec env = found.get();
    Actor requester = requester(run.header().actor(), stored);
    try {
      String action = kinds.find(plan.kind()).map(OperationKind::action).orElse(plan.kind());
      if (!permissions.allows(requester, action, env.name())) {
        return new Refused(
            requester.displayName() + " no longer has the grant " + action + ":" + env.name());
      }
    } catch (UsageException e) {
      return new Unknown("the grant of " + requester.displayName() + " " + e.problem());
    }
    String channel = run.messageRef() == null ? "" : run.messageRef().conversation();
    if (!env.channels().isEmpty() && !env.channels().contains(channel)) {
      return new Refused(
          env.name() + " is now changed only from " + String.join(", ", env.channels()));
    }
    if (plan.breakGlass().isEmpty()) {
      Optional<String> freeze = freezes.activeFreeze(env, clock.instant());
      if (freeze.isPresent()) {
        return new Refused(
            freeze.get() + "; a change approved during a freeze still needs --break-glass");
      }
    }
    try {
      for (String service : locked) {
        locks.acquire(service, env.name(), requester, run.id(), plan.summary());
      }
    } catch (UsageException e) {
      return new Refused(e.problem());
    }
    return new Allowed();
  }

  /** The fields that keep the requester's groups, stored with the plan. */
  static Map<String, String> requesterFields(Actor requester) {
    return requester.groups().isEmpty()
        ? Map.of()
        : Map.of(REQUESTER_GROUPS, String.join(",", requester.groups()));
  }

  /** The requester with the groups the request was made with (a restored actor has none). */
  static Actor requester(Actor actor, Map<String, String> stored) {
    String groups = stored.getOrDefault(REQUESTER_GROUPS, "");
    if (!actor.groups().isEmpty() || groups.isEmpty()) {
      return actor;
    }
    List<String> ids = Arrays.stream(groups.split(",")).filter(s -> !s.isEmpty()).toList();
    return new Actor(actor.platform(), actor.id(), actor.displayName(), ids, actor.person());
  }
}
