package dev.deckhand.commands.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A migration Job to start from a deployment's own pod template: its container (the target's) with
 * {@code image} and {@code command}, everything else of the template (env, secrets, volumes,
 * service account) kept, probes dropped.
 *
 * @param name the Job's name, unique per operation ({@code <deployment>-migrate-<op>})
 * @param operationId the operation it belongs to, recorded as a label
 * @param timeout the Job's {@code activeDeadlineSeconds}
 */
public record JobRequest(
    String name, long operationId, String image, List<String> command, Duration timeout) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public JobRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    Objects.requireNonNull(timeout, "timeout");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a Job name (a DNS label): " + name);
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a migration needs a command");
    }
    if (timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("timeout must be at least a second: " + timeout);
    }
  }

  /**
   * The Job name for an operation: the deployment's name cut to fit, then {@code -migrate-<op>}.
   */
  public static String nameFor(String deployment, long operationId) {
    String suffix = "-migrate-" + operationId;
    String base =
        deployment.length() + suffix.length() > 63
            ? deployment.substring(0, 63 - suffix.length())
            : deployment;
    return base.replaceAll("-+$", "") + suffix;
  }
}
