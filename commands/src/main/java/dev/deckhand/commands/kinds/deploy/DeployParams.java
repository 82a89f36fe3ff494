package dev.deckhand.commands.kinds.deploy;

import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import java.util.HashMap;
import java.util.Map;

/**
 * What a deploy needs to run or resume, stored with it (version 1; the field names are those rows
 * had before kinds existed, so older rows read the same).
 *
 * @param image the pinned image it sets ({@code repo:tag@sha256:…})
 * @param beforeImage the image running when it was planned
 * @param beforeRevision the revision running then (what an automatic rollback restores)
 * @param migration the Job that runs before the image is set, or null (stored only when present, so
 *     rows from before migrations read as deploys without one)
 */
public record DeployParams(
    String image, String beforeImage, long beforeRevision, MigrationJob migration) {
  /** A deploy without a migration. */
  public DeployParams(String image, String beforeImage, long beforeRevision) {
    this(image, beforeImage, beforeRevision, null);
  }

  Map<String, String> write() {
    Map<String, String> fields = new HashMap<>(MigrationGate.write(migration));
    fields.put("image", image);
    fields.put("beforeImage", beforeImage);
    fields.put("beforeRevision", Long.toString(beforeRevision));
    return fields;
  }

  static DeployParams read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("deploy parameters of version " + version);
    }
    return new DeployParams(
        m.getOrDefault("image", ""),
        m.getOrDefault("beforeImage", ""),
        Long.parseLong(m.getOrDefault("beforeRevision", "0")),
        MigrationGate.read(m));
  }
}
