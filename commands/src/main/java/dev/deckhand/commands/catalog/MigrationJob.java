package dev.deckhand.commands.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A service's migration gate: a Kubernetes Job built from the service's own pod template with the
 * new image and this command, which must complete before the image is set ({@code migrate: {job:
 * …}} in the catalog).
 *
 * @param command the container's command in argv form ({@code [goose, up]}), never a shell line
 * @param timeout how long the Job may run ({@code activeDeadlineSeconds}); Deckhand waits a minute
 *     longer for the Job controller to say so
 */
public record MigrationJob(List<String> command, Duration timeout) {
  /** Long migrations are common; a 5-minute default is the trap this avoids. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  public static final Duration SHORTEST = Duration.ofMinutes(1);
  public static final Duration LONGEST = Duration.ofHours(24);

  public MigrationJob {
    command = List.copyOf(command);
    Objects.requireNonNull(timeout, "timeout");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a migration Job needs a command");
    }
    if (timeout.compareTo(SHORTEST) < 0 || timeout.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("a migration timeout is from 1m to 24h: " + timeout);
    }
  }

  /** The command as a user reads it: {@code goose up}. */
  public String commandLine() {
    return String.join(" ", command);
  }
}
