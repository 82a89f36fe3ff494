package dev.deckhand.commands.kinds.deploy;

import java.util.Map;

/**
 * What a deploy needs to run or resume, stored with it (version 1; the field names are those rows
 * had before kinds existed, so older rows read the same).
 *
 * @param image the pinned image it sets ({@code repo:tag@sha256:…})
 * @param beforeImage the image running when it was planned
 * @param beforeRevision the revision running then (what an automatic rollback restores)
 */
public record DeployParams(String image, String beforeImage, long beforeRevision) {
  Map<String, String> write() {
    return Map.of(
        "image",
        image,
        "beforeImage",
        beforeImage,
        "beforeRevision",
        Long.toString(beforeRevision));
  }

  static DeployParams read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("deploy parameters of version " + version);
    }
    return new DeployParams(
        m.getOrDefault("image", ""),
        m.getOrDefault("beforeImage", ""),
        Long.parseLong(m.getOrDefault("beforeRevision", "0")));
  }
}
