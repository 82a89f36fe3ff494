package dev.deckhand.commands.ports;

import java.util.List;
import java.util.Optional;

/**
 * A build or push failed. The message is safe to show users (no credentials).
 *
 * @see ImageBuilder#build
 */
public class BuildException extends RuntimeException {
  private final Optional<String> step;
  private final List<String> tail;

  /**
   * @param step the step that failed, when a step failed
   * @param tail the last output lines before the failure (bounded by the adapter)
   */
  public BuildException(String message, Optional<String> step, List<String> tail) {
    super(message);
    this.step = step;
    this.tail = List.copyOf(tail);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
    this.step = Optional.empty();
    this.tail = List.of();
  }

  /** The step that failed, when a step failed. */
  public Optional<String> step() {
    return step;
  }

  /** The last output lines before the failure. */
  public List<String> tail() {
    return tail;
  }
}
