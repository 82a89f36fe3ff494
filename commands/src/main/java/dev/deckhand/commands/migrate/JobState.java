package dev.deckhand.commands.migrate;

import java.util.Objects;

/**
 * Where a migration Job stands.
 *
 * @param phase running (or not started yet), complete or failed
 * @param pod its newest pod, or empty before it has one
 * @param reason why it failed ({@code BackoffLimitExceeded}, {@code DeadlineExceeded}), or empty
 * @param message the Job controller's message, or empty
 */
public record JobState(Phase phase, String pod, String reason, String message) {
  public JobState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** The three ends a caller waits between. */
  public enum Phase {
    RUNNING,
    COMPLETE,
    FAILED
  }

  public boolean done() {
    return phase != Phase.RUNNING;
  }
}
