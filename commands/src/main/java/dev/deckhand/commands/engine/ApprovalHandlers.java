package dev.deckhand.commands.engine;

import dev.deckhand.commands.command.Approve;
import dev.deckhand.commands.command.Cancel;
import dev.deckhand.commands.command.Reject;

/**
 * {@code /approve}, {@code /reject} and {@code /cancel}: the text forms of votes and withdrawal.
 */
final class ApprovalHandlers {
  private ApprovalHandlers() {}

  static Handler<Approve> approve(Approvals approvals) {
    return (c, request) -> approvals.vote(c.operationId(), request.actor(), true, "");
  }

  static Handler<Reject> reject(Approvals approvals) {
    return (c, request) -> approvals.vote(c.operationId(), request.actor(), false, c.reason());
  }

  static Handler<Cancel> cancel(Approvals approvals) {
    return (c, request) -> approvals.cancel(c.operationId(), request.actor());
  }
}
