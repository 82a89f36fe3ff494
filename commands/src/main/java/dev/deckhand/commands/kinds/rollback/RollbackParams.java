package dev.deckhand.commands.kinds.rollback;

import java.util.Map;

/**
 * What a {@code /rollback} needs to run or resume (version 1; field names as stored before kinds).
 *
 * @param toRevision the revision it restores
 * @param toImage the image that revision runs, for the timeline (empty in rows from before kinds)
 * @param beforeImage the image running when it was planned
 * @param beforeRevision the revision running then
 */
public record RollbackParams(
    long toRevision, String toImage, String beforeImage, long beforeRevision) {
  Map<String, String> write() {
    return Map.of(
        "toRevision",
        Long.toString(toRevision),
        "toImage",
        toImage,
        "beforeImage",
        beforeImage,
        "beforeRevision",
        Long.toString(beforeRevision));
  }

  static RollbackParams read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("rollback parameters of version " + version);
    }
    return new RollbackParams(
        Long.parseLong(m.getOrDefault("toRevision", "0")),
        m.getOrDefault("toImage", ""),
        m.getOrDefault("beforeImage", ""),
        Long.parseLong(m.getOrDefault("beforeRevision", "0")));
  }
}
