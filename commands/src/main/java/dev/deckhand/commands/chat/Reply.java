package dev.deckhand.commands.chat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A platform-neutral message. Each chat adapter renders every kind. */
public sealed interface Reply {

  /** A plain sentence or two. */
  record Text(String text) implements Reply {}

  /**
   * A user error: what was wrong and what to type instead.
   *
   * @param problem what was wrong, one sentence
   * @param hint what to type instead, may be empty
   */
  record Problem(String problem, String hint) implements Reply {}

  /** A titled list of lines ({@code /status}, {@code /history}, {@code /help}, candidates). */
  record Listing(String title, List<String> lines) implements Reply {
    public Listing {
      lines = List.copyOf(lines);
    }
  }

  /** An internal error; the detail is in the log under {@code reference}. */
  record InternalError(String reference) implements Reply {}

  /**
   * The live view of one operation.
   *
   * @param id the operation id
   * @param summary what is being done ({@code deploy gateway p10e-mmc-20260519-d4-webhooks})
   * @param actor who asked
   * @param environment where (environment name)
   * @param target the concrete target ({@code staging/coachpilot/deployment/coachpilot-gateway})
   * @param state the operation's state
   * @param steps the plan's steps with their states
   * @param progress rollout counts, null when no rollout is being watched
   * @param elapsed time since the operation started
   * @param dryRun true for a plan that was only printed
   * @param notes lines shown under the header: the approval asked for and given, a break-glass
   */
  record Operation(
      long id,
      String summary,
      Actor actor,
      String environment,
      String target,
      OperationState state,
      List<StepRecord> steps,
      Progress progress,
      Duration elapsed,
      boolean dryRun,
      List<String> notes)
      implements Reply {
    public Operation {
      Objects.requireNonNull(summary, "summary");
      steps = List.copyOf(steps);
      notes = List.copyOf(notes);
    }
  }

  /**
   * The board of a busy channel: one line per operation that ran there while many ran at once, so
   * that one edit shows every change (ADR 0008). The operations' own messages still exist and catch
   * up as the edit budget allows.
   *
   * @param operations the latest view of each operation, those still moving first
   * @param closed true once every operation on it has ended (its last edit)
   */
  record Board(List<Operation> operations, boolean closed) implements Reply {
    public Board {
      operations = List.copyOf(operations);
    }

    /** The board's heading, the same words on every platform. */
    public String title() {
      long moving = operations.stream().filter(o -> !o.state().isFinal()).count();
      if (closed) {
        return "Board closed: all "
            + operations.size()
            + " operations ended"
            + (operations.isEmpty() ? "" : " (" + endings() + ")");
      }
      return "Live board · "
          + moving
          + " of "
          + operations.size()
          + " operations running · their own messages catch up as the edit budget allows";
    }

    private String endings() {
      Map<OperationState, Long> count = new EnumMap<>(OperationState.class);
      operations.forEach(o -> count.merge(o.state(), 1L, Long::sum));
      return String.join(
          ", ",
          count.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().word()).toList());
    }
  }
}
