package dev.deckhand.commands.chat;

/**
 * Rollout counts for a progress bar: of {@code desired} replicas, how many are updated, ready,
 * available.
 */
public record Progress(int desired, int updated, int ready, int available) {

  /** 0..1, by available updated replicas. */
  public double fraction() {
    if (desired <= 0) {
      return 1.0;
    }
    return Math.min(1.0, Math.min(updated, available) / (double) desired);
  }
}
