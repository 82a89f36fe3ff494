package dev.deckhand.commands.engine;

import dev.deckhand.commands.ports.ApprovalStore;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The lines an approval request shows under its header. Pure. */
final class ApprovalNotes {
  static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ApprovalNotes() {}

  /** Who must approve and how, when it expires, and who approved so far. */
  static List<String> request(OperationRun run, ApprovalStore.Request r, List<String> approvedBy) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "needs "
            + r.required()
            + (r.required() == 1 ? " approval" : " approvals")
            + (r.fromRole() == null ? "" : " from " + r.fromRole())
            + " (not "
            + run.header().actor().displayName()
            + "): react ✅ to approve or ❌ to reject, or /approve "
            + run.id()
            + " · /reject "
            + run.id()
            + "; expires "
            + HHMM.format(r.expires()));
    if (!approvedBy.isEmpty()) {
      notes.add("approved so far by " + String.join(", ", approvedBy));
    }
    return notes;
  }
}
