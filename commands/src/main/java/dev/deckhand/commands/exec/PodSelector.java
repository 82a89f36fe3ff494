package dev.deckhand.commands.exec;

import java.util.Locale;
import java.util.Objects;

/**
 * Which pod an exec goes into: the newest ready pod of a Deployment or StatefulSet (found by its
 * selector), or one pod by name.
 *
 * @param kind what {@code name} names
 * @param name the workload's or the pod's name
 */
public record PodSelector(Kind kind, String name) {
  /** What a selector names. */
  public enum Kind {
    DEPLOYMENT,
    STATEFULSET,
    POD;

    /** The catalog's word: {@code deployment}, {@code statefulset}, {@code pod}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PodSelector {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return kind.word() + "/" + name;
  }
}
