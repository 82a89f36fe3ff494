package dev.deckhand.commands.operation;

import dev.deckhand.commands.model.Actor;
import java.time.Instant;
import java.util.List;

/**
 * An operation as stored.
 *
 * @param id the store's id, shown to users as {@code op <id>}
 * @param kind the command word ({@code deploy}, {@code rollback})
 * @param requester who asked
 * @param service catalog service name, empty for operations without one
 * @param environment environment name, empty for operations without one
 * @param commandText the command as typed
 * @param state the current state
 * @param steps the plan's steps with their states, in order
 * @param conversation the chat conversation (channel) the operation reports to, empty if none
 * @param messageId the id of its live message there, empty until posted
 * @param created when it was created
 * @param updated when it last changed
 */
public record OperationRecord(
    long id,
    String kind,
    Actor requester,
    String service,
    String environment,
    String commandText,
    OperationState state,
    List<StepRecord> steps,
    String conversation,
    String messageId,
    Instant created,
    Instant updated) {
  public OperationRecord {
    steps = List.copyOf(steps);
  }
}
