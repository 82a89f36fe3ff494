package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;
import java.time.Instant;
import java.util.List;

/**
 * The append-only audit trail: every command, decision, step and result. Rows are hash-chained
 * (each row's hash covers its content and the previous row's hash) so that a changed, inserted or
 * deleted row is detectable. Thread-safe, blocking; appends are serialised.
 */
public interface AuditLog {

  /** Appends one event; the store assigns its sequence number, time and hash. */
  void append(
      Actor actor,
      String action,
      String service,
      String environment,
      long operationId,
      String detail);

  /** The newest events, newest first, optionally for one service (null for all). */
  List<Event> recent(String service, int limit);

  /** One stored event; {@code operationId} is 0 when it belongs to no operation. */
  record Event(
      long seq,
      Instant at,
      Actor actor,
      String action,
      String service,
      String environment,
      long operationId,
      String detail,
      String hash) {}
}
