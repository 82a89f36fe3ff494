package dev.deckhand.commands.ports;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an image's config blob says about it: the platform it runs on, when it was built and its
 * labels ({@code org.opencontainers.image.revision} carries the git SHA of a build). Immutable.
 *
 * @param os {@code linux}
 * @param architecture {@code amd64}, {@code arm64}, …
 * @param created when the image was built, when the config says
 * @param labels the config's labels (empty when none)
 */
public record ImageConfig(
    String os, String architecture, Optional<Instant> created, Map<String, String> labels) {
  /** The OCI label holding the git commit an image was built from. */
  public static final String REVISION = "org.opencontainers.image.revision";

  public ImageConfig {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(created, "created");
    labels = Map.copyOf(labels);
  }

  /** {@code linux/amd64}. */
  public String platform() {
    return os + "/" + architecture;
  }

  /** The git commit the image was built from, when its label says. */
  public Optional<String> revision() {
    return Optional.ofNullable(labels.get(REVISION)).filter(r -> !r.isBlank());
  }
}
