package dev.deckhand.commands.engine;

import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.operation.OperationState;
import java.util.concurrent.CompletableFuture;

/**
 * One operation as the engine carries it: its run (steps, live message), its kind and its plan,
 * typed together so that the engine can call the kind without knowing which it is.
 */
record Op<P>(OperationRun run, OperationKind<?, P> kind, Plan<P> plan) {

  CompletableFuture<OperationState> runFrom(dev.deckhand.commands.kind.Step from) {
    return kind.run(run, plan, from);
  }

  OperationKind.Change change(OperationState end) {
    return kind.change(plan, end);
  }

  java.util.Map<String, OperationKind.Change> changes(OperationState end) {
    return kind.changes(plan, end);
  }

  boolean restoresOlder(OperationState end) {
    return kind.restoresOlder(end);
  }

  /** The services whose locks it holds. */
  java.util.List<String> locked() {
    return kind.locked(plan);
  }

  Op<P> with(Plan<P> newPlan) {
    return new Op<>(run, kind, newPlan);
  }
}
