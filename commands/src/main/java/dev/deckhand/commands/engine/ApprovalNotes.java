package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.WallClock;
import dev.deckhand.commands.ports.ApprovalStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The lines an approval request shows under its header. Pure. */
final class ApprovalNotes {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private ApprovalNotes() {}

  /** Who must approve and how, when it expires, and who approved so far. */
  static List<String> request(
      OperationRun run, ApprovalStore.Request r, List<String> approvedBy, Catalog catalog) {
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
            + expiry(catalog, run, r.expires()));
    if (!approvedBy.isEmpty()) {
      notes.add("approved so far by " + String.join(", ", approvedBy));
    }
    return notes;
  }

  /** {@code 16:30 CEST}: the time on the wall clock of the run's environment (UTC if unknown). */
  static String expiry(Catalog catalog, OperationRun run, Instant expires) {
    ZoneId zone =
        catalog.environment(run.header().environment()).map(EnvironmentSpec::zone).orElse(UTC);
    return WallClock.time(expires, zone);
  }
}
