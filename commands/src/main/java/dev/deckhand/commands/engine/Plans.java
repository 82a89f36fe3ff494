package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a plan as a dry run (a kind builds its steps with {@link dev.deckhand.commands.kind.Step}).
 */
final class Plans {
  private Plans() {}

  /** The plan as it would run, with its concrete targets; says that nothing changed. */
  static Reply dryRun(String summary, String environment, Target target, List<StepRecord> steps) {
    return dryRun(summary, environment, target, List.of(), steps);
  }

  /** A dry run's plan, with a kind's notes (e.g. why this strategy) between target and steps. */
  static Reply dryRun(
      String summary,
      String environment,
      Target target,
      List<String> notes,
      List<StepRecord> steps) {
    List<String> lines = new ArrayList<>();
    lines.add("target: " + target);
    lines.addAll(notes);
    int n = 1;
    for (StepRecord s : steps) {
      String detail = s.detail().isEmpty() ? "" : " (" + s.detail() + ")";
      lines.add(n++ + ". " + s.title() + detail);
    }
    lines.add("dry run: nothing was changed");
    return new Reply.Listing("Plan: " + summary + " in " + environment, lines);
  }
}
