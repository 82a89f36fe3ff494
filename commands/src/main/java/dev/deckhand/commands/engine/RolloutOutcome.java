package dev.deckhand.commands.engine;

import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.RolloutSnapshot;

/** How waiting for a rollout ended. */
public sealed interface RolloutOutcome {
  /** The rollout is complete by kubectl's rule. */
  record Complete(RolloutSnapshot snapshot) implements RolloutOutcome {}

  /** It failed: a failing pod (then {@code problem} is set) or the progress deadline. */
  record Failed(String reason, PodProblem problem, RolloutSnapshot snapshot)
      implements RolloutOutcome {}

  /** Deckhand's own bound on waiting ran out. */
  record TimedOut(String reason, RolloutSnapshot snapshot) implements RolloutOutcome {}
}
