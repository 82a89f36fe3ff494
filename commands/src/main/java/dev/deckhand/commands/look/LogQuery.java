package dev.deckhand.commands.look;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which log lines {@code /logs} wants from the newest pod of a target.
 *
 * @param container the container, or empty for the target's own
 * @param tail how many lines from the end, 1 to {@link #MAX_TAIL}
 * @param previous the previous (crashed) instance of the container rather than the running one
 * @param since only lines newer than this, or empty for no bound
 */
public record LogQuery(
    Optional<String> container, int tail, boolean previous, Optional<Duration> since) {
  /** The most lines one {@code /logs} reads: enough for a crash, small enough for a thread. */
  public static final int MAX_TAIL = 500;

  /** Lines read when {@code --tail} is not given. */
  public static final int DEFAULT_TAIL = 50;

  public LogQuery {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(since, "since");
    if (tail < 1 || tail > MAX_TAIL) {
      throw new IllegalArgumentException("tail must be between 1 and " + MAX_TAIL + ": " + tail);
    }
  }
}
