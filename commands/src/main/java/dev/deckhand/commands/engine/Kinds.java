package dev.deckhand.commands.engine;

import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operation kinds the engine serves, by name. Built once at start, then read-only. */
final class Kinds {
  private final Map<String, OperationKind<?, ?>> byName = new LinkedHashMap<>();

  Kinds(List<OperationKind<?, ?>> kinds) {
    for (OperationKind<?, ?> k : kinds) {
      if (byName.putIfAbsent(k.name(), k) != null) {
        throw new IllegalStateException("two operation kinds named " + k.name());
      }
    }
  }

  Optional<OperationKind<?, ?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  List<OperationKind<?, ?>> all() {
    return List.copyOf(byName.values());
  }

  /** The operation of {@code run} with the plan stored for it. */
  Op<?> op(OperationRun run, Map<String, String> stored) {
    return op(kind(run.kind()), run, stored);
  }

  /** The plan stored for an operation of kind {@code name}. */
  Plan<?> plan(String name, Map<String, String> stored) {
    return PlanCodec.read(kind(name), stored);
  }

  private OperationKind<?, ?> kind(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalStateException("no operation kind named " + name));
  }

  private static <P> Op<P> op(
      OperationKind<?, P> kind, OperationRun run, Map<String, String> stored) {
    return new Op<>(run, kind, PlanCodec.read(kind, stored));
  }
}
