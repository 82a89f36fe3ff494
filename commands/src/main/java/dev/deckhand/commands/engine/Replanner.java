package dev.deckhand.commands.engine;

import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;

/**
 * Reads the world again for a planned operation through its kind, and hashes the plan, so that
 * votes given for one plan never approve another. Blocking (the kind reads the cluster, the
 * registry); stateless.
 */
final class Replanner {
  private Replanner() {}

  /** The plan as it would run now, with its hash. */
  static <P> Plan<P> refresh(OperationKind<?, P> kind, Plan<P> planned) {
    return PlanCodec.hashed(kind, planned.with(kind.replan(planned), ""));
  }

  /** What differs between two plans, in words. */
  static <P> String difference(OperationKind<?, P> kind, Plan<P> before, Plan<P> now) {
    return kind.difference(before.params(), now.params());
  }
}
