package dev.deckhand.commands.kind;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.StepRecord;
import java.util.List;
import java.util.Objects;

/**
 * What a kind proposes for a command: the summary, its typed parameters and its steps as planned
 * (those done while planning first, then the pending ones; the engine inserts the approval step
 * between them when one is needed) — or, when the target is already as asked, a reply saying so and
 * no operation at all.
 *
 * @param notes lines a dry run shows above the steps (e.g. why this strategy); not part of the plan
 *     hash, not stored
 * @param <P> the kind's parameter type
 */
public record Proposal<P>(
    String summary, P params, List<StepRecord> steps, Reply nothingToDo, List<String> notes) {
  public Proposal {
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
  }

  /** A proposal without notes. */
  public Proposal(String summary, P params, List<StepRecord> steps, Reply nothingToDo) {
    this(summary, params, steps, nothingToDo, List.of());
  }

  /** The same proposal with {@code lines} as its notes, which a dry run shows. */
  public Proposal<P> withNotes(List<String> lines) {
    return new Proposal<>(summary, params, steps, nothingToDo, lines);
  }

  /** An operation to run. */
  public static <P> Proposal<P> of(String summary, P params, List<StepRecord> steps) {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(params, "params");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a plan needs steps");
    }
    return new Proposal<>(summary, params, steps, null);
  }

  /** Nothing to do: the reply says why (already runs that image, already paused). */
  public static <P> Proposal<P> nothingToDo(Reply reply) {
    return new Proposal<>("", null, List.of(), Objects.requireNonNull(reply, "reply"));
  }

  public boolean isNothingToDo() {
    return nothingToDo != null;
  }
}
