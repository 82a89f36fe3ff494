package dev.deckhand.commands.manifest;

import java.util.List;
import java.util.Objects;

/**
 * What applying one object of a bundle would change in the cluster.
 *
 * @param object {@code Kind/name}, e.g. {@code ConfigMap/gateway-settings}
 * @param action whether it is created, changed, or already as the manifest says
 * @param fields the fields that change, one line each ({@code spec.replicas: 2 → 3}); a Secret's
 *     values are never shown, only {@code data.KEY: changed}; empty for an unchanged object and for
 *     a created one
 */
public record ObjectChange(String object, Action action, List<String> fields) {
  /** What happens to an object. */
  public enum Action {
    CREATE,
    CHANGE,
    UNCHANGED
  }

  public ObjectChange {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(action, "action");
    fields = List.copyOf(fields);
  }

  /**
   * The object's line in a listing: {@code + ConfigMap/x (create)}, {@code ~ Service/y (change)}.
   */
  public String line() {
    return switch (action) {
      case CREATE -> "+ " + object + " (create)";
      case CHANGE -> "~ " + object + " (change)";
      case UNCHANGED -> "= " + object + " (unchanged)";
    };
  }

  /** The object's line followed by its changed fields, indented. */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    out.add(line());
    fields.forEach(f -> out.add("    " + f));
    return out;
  }

  /** "2 to create, 1 to change, 3 unchanged" (parts that are zero left out, "nothing" if none). */
  public static String summary(List<ObjectChange> changes) {
    long create = changes.stream().filter(c -> c.action() == Action.CREATE).count();
    long change = changes.stream().filter(c -> c.action() == Action.CHANGE).count();
    long same = changes.stream().filter(c -> c.action() == Action.UNCHANGED).count();
    List<String> parts = new java.util.ArrayList<>();
    if (create > 0) {
      parts.add(create + " to create");
    }
    if (change > 0) {
      parts.add(change + " to change");
    }
    if (same > 0) {
      parts.add(same + " unchanged");
    }
    return parts.isEmpty() ? "no objects" : String.join(", ", parts);
  }
}
