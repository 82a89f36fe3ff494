package dev.deckhand.commands.kinds.build;

import java.util.Map;
import java.util.Objects;

/**
 * A planned build.
 *
 * @param ref the ref asked for (shown)
 * @param commit the full commit it resolved to when planned (what is built)
 * @param image {@code image:tag} to push, the tag from the service's pattern
 * @param platform {@code linux/amd64}
 */
public record BuildParams(String ref, String commit, String image, String platform) {
  public BuildParams {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(platform, "platform");
  }

  Map<String, String> write() {
    return Map.of("ref", ref, "commit", commit, "image", image, "platform", platform);
  }

  static BuildParams read(Map<String, String> m) {
    return new BuildParams(m.get("ref"), m.get("commit"), m.get("image"), m.get("platform"));
  }
}
