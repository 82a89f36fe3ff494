package dev.deckhand.store;

import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the rows of {@code operation LEFT JOIN operation_step}, ordered by operation and step
 * position, into records.
 */
final class OperationRows {

  private OperationRows() {}

  static List<OperationRecord> read(ResultSet rows) throws SQLException {
    List<OperationRecord> operations = new ArrayList<>();
    long currentId = -1;
    OperationRecord head = null;
    List<StepRecord> steps = new ArrayList<>();
    while (rows.next()) {
      long id = rows.getLong("id");
      if (id != currentId) {
        if (head != null) {
          operations.add(withSteps(head, steps));
        }
        currentId = id;
        head = head(rows);
        steps = new ArrayList<>();
      }
      String stepName = rows.getString("step_name");
      if (stepName != null) {
        steps.add(
            new StepRecord(
                stepName,
                rows.getString("step_title"),
                StepState.ofWord(rows.getString("step_state")),
                rows.getString("step_detail")));
      }
    }
    if (head != null) {
      operations.add(withSteps(head, steps));
    }
    return operations;
  }

  /** The operation columns of one joined row, with no steps yet. */
  private static OperationRecord head(ResultSet rows) throws SQLException {
    return new OperationRecord(
        rows.getLong("id"),
        rows.getString("kind"),
        Columns.actor(rows, "requester"),
        rows.getString("service"),
        rows.getString("environment"),
        rows.getString("command_text"),
        OperationState.ofWord(rows.getString("state")),
        List.of(),
        rows.getString("conversation"),
        rows.getString("message_id"),
        Columns.instant(rows, "created"),
        Columns.instant(rows, "updated"));
  }

  private static OperationRecord withSteps(OperationRecord o, List<StepRecord> steps) {
    return new OperationRecord(
        o.id(),
        o.kind(),
        o.requester(),
        o.service(),
        o.environment(),
        o.commandText(),
        o.state(),
        steps,
        o.conversation(),
        o.messageId(),
        o.created(),
        o.updated());
  }
}
