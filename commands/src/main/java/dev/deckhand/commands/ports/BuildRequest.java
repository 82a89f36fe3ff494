package dev.deckhand.commands.ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One image build: where its context is, how to build it and where to push it. Immutable.
 *
 * @param context the checked-out build context (a directory)
 * @param dockerfile the Dockerfile's path relative to {@code context}
 * @param target the stage to build, when not the last
 * @param buildArgs {@code --build-arg} values
 * @param platform {@code linux/amd64}, as {@code os/architecture}
 * @param labels labels set on the image (the git revision among them)
 * @param references where to push, each {@code host[:port]/repository:tag}
 * @param username the registry user for the push, null for anonymous
 * @param password the registry password, null for anonymous; never logged
 * @param timeout how long build and push may take together
 */
public record BuildRequest(
    Path context,
    String dockerfile,
    Optional<String> target,
    Map<String, String> buildArgs,
    String platform,
    Map<String, String> labels,
    List<String> references,
    String username,
    String password,
    Duration timeout) {
  public BuildRequest {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(target, "target");
    buildArgs = Map.copyOf(buildArgs);
    Objects.requireNonNull(platform, "platform");
    labels = Map.copyOf(labels);
    references = List.copyOf(references);
    if (references.isEmpty()) {
      throw new IllegalArgumentException("a build pushes at least one reference");
    }
    Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String toString() {
    return "BuildRequest[context="
        + context
        + ", dockerfile="
        + dockerfile
        + ", target="
        + target
        + ", platform="
        + platform
        + ", references="
        + references
        + ", username="
        + username
        + "]";
  }
}
