package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable approval requests and their votes. One request per operation. Votes are bound to the plan
 * hash they were given for: {@link #replan} voids them. Thread-safe and blocking; each call is one
 * transaction, so a vote is on disk before the call returns.
 */
public interface ApprovalStore {

  /** Opens the request of an operation (state {@code pending}). */
  void open(Request request);

  Optional<Request> forOperation(long operationId);

  /** The request whose chat message this is, if any. */
  Optional<Request> forMessage(String conversation, String messageId);

  /** Pending requests, oldest first. */
  List<Request> pending();

  /**
   * Records or replaces the voter's vote on the current plan. Idempotent: the same vote again
   * changes nothing and returns false.
   */
  boolean vote(long operationId, Actor voter, boolean approve, String planHash);

  /** Removes the voter's vote; false if there was none. */
  boolean withdraw(long operationId, Actor voter);

  /** The votes on the request's current plan, oldest first. */
  List<Vote> votes(long operationId);

  /** The plan changed: records the new hash and message, and voids every vote given before. */
  void replan(long operationId, String planHash, String messageId);

  /**
   * Ends a pending request: {@code approved}, {@code rejected}, {@code expired} or {@code
   * cancelled}. Returns false if it was no longer pending (someone else ended it first).
   */
  boolean close(long operationId, String state);

  /**
   * Closes a pending request as {@code approved}, only if its plan is still {@code planHash}: two
   * quorums reached at once, or one reached on a plan that was replaced meanwhile, approve at most
   * one plan. Returns false when it was not pending or its plan is another.
   */
  boolean approve(long operationId, String planHash);

  /**
   * A request.
   *
   * @param state {@code pending}, {@code approved}, {@code rejected}, {@code expired}, {@code
   *     cancelled}
   */
  record Request(
      long operationId,
      String planHash,
      String conversation,
      String messageId,
      int required,
      String fromRole,
      Instant expires,
      String state) {}

  /** One approver's vote. */
  record Vote(Actor voter, boolean approve, String planHash, Instant at) {}
}
