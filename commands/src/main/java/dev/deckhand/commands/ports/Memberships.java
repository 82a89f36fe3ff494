package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;

/**
 * Whether a member entry of a role names a chat user: the user's own id, or a group the platform
 * says the user belongs to (a Slack user group {@code S…}). Implemented by chat adapters whose
 * platform has groups.
 *
 * <p>May block on the platform's API (implementations cache) and is called from the bot's executor,
 * never from a platform's event thread. Thread-safe.
 */
@FunctionalInterface
public interface Memberships {

  /** A member entry is the user's own id; no groups. */
  Memberships IDS = (memberId, actor) -> memberId.equals(actor.id());

  /**
   * True when {@code memberId}, taken from a role's members for {@code actor}'s platform, is the
   * actor or a group that holds the actor.
   *
   * @throws dev.deckhand.commands.parse.UsageException saying what could not be checked when the
   *     platform cannot tell (the caller then denies)
   */
  boolean includes(String memberId, Actor actor);
}
