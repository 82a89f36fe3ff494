package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.IntOrString;

/** A Kubernetes int-or-percent value such as {@code maxSurge}: "3" or "25%". Immutable. */
record IntOrPercent(int value, boolean percent) {

  IntOrPercent {
    if (value < 0) {
      throw new IllegalArgumentException("must not be negative: " + value);
    }
  }

  static IntOrPercent parse(String text) {
    String trimmed = text.trim();
    try {
      if (trimmed.endsWith("%")) {
        return new IntOrPercent(Integer.parseInt(trimmed.substring(0, trimmed.length() - 1)), true);
      }
      return new IntOrPercent(Integer.parseInt(trimmed), false);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a count or a percentage: \"" + text + "\"", e);
    }
  }

  /** Reads a spec value, falling back to {@code fallback} when absent. */
  static IntOrPercent of(IntOrString value, String fallback) {
    if (value == null) {
      return parse(fallback);
    }
    if (value.getIntVal() != null) {
      return new IntOrPercent(value.getIntVal(), false);
    }
    return value.getStrVal() == null ? parse(fallback) : parse(value.getStrVal());
  }

  boolean isZero() {
    return value == 0;
  }

  /** The absolute value against {@code total}, rounding a percentage up or down. */
  int scaled(int total, boolean roundUp) {
    if (!percent) {
      return value;
    }
    long product = (long) value * total;
    return (int) (roundUp ? (product + 99) / 100 : product / 100);
  }

  IntOrString toIntOrString() {
    return percent ? new IntOrString(value + "%") : new IntOrString(value);
  }
}
