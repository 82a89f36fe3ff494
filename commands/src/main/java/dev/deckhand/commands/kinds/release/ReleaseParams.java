package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a release ({@code /deploy-all}, {@code /rollback-all}) needs to run or resume, stored with
 * it (version 1): what it asked for, whether a failure rolls back, and one entry per service it
 * changes, in the order it changes them.
 *
 * @param asked the tag or prefix asked for ({@code /deploy-all}), or the release op rolled back
 * @param rollbackOnFailure roll back what the release rolled when a service fails
 * @param entries the services, wave by wave
 */
public record ReleaseParams(String asked, boolean rollbackOnFailure, List<Entry> entries) {
  public ReleaseParams {
    entries = List.copyOf(entries);
  }

  /**
   * One service of a release.
   *
   * @param wave its wave, from 1
   * @param service the service's name
   * @param image the image it gets (pinned for a deploy; the older revision's for a rollback)
   * @param beforeImage the image running when it was planned
   * @param beforeRevision the revision running then (what a rollback of the release restores)
   * @param toRevision for {@code /rollback-all}: the revision it goes back to; 0 for a deploy
   * @param migration the migration Job that runs before its image is set, or null
   */
  public record Entry(
      int wave,
      String service,
      String image,
      String beforeImage,
      long beforeRevision,
      long toRevision,
      MigrationJob migration) {
    /** A service without a migration. */
    public Entry(
        int wave,
        String service,
        String image,
        String beforeImage,
        long beforeRevision,
        long toRevision) {
      this(wave, service, image, beforeImage, beforeRevision, toRevision, null);
    }

    /** The stored name of one of its steps: {@code wave1:gateway:set-image}. */
    String step(String what) {
      return "wave" + wave + ":" + service + ":" + what;
    }
  }

  /** The number of waves. */
  int waves() {
    return entries.stream().mapToInt(Entry::wave).max().orElse(0);
  }

  List<Entry> wave(int wave) {
    return entries.stream().filter(e -> e.wave() == wave).toList();
  }

  Map<String, String> write() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("asked", asked);
    m.put("rollbackOnFailure", Boolean.toString(rollbackOnFailure));
    m.put(
        "services",
        String.join(",", entries.stream().map(e -> e.wave() + ":" + e.service()).toList()));
    for (Entry e : entries) {
      m.put("image." + e.service(), e.image());
      m.put("beforeImage." + e.service(), e.beforeImage());
      m.put("beforeRevision." + e.service(), Long.toString(e.beforeRevision()));
      m.put("toRevision." + e.service(), Long.toString(e.toRevision()));
      MigrationGate.write(e.migration())
          .forEach((k, v) -> m.put("migration." + e.service() + "." + k, v));
    }
    return m;
  }

  private static Map<String, String> prefixed(Map<String, String> m, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  static ReleaseParams read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("release parameters of version " + version);
    }
    List<Entry> entries = new ArrayList<>();
    String services = m.getOrDefault("services", "");
    for (String item : services.isEmpty() ? new String[0] : services.split(",")) {
      int colon = item.indexOf(':');
      String name = item.substring(colon + 1);
      entries.add(
          new Entry(
              Integer.parseInt(item.substring(0, colon)),
              name,
              m.getOrDefault("image." + name, ""),
              m.getOrDefault("beforeImage." + name, ""),
              Long.parseLong(m.getOrDefault("beforeRevision." + name, "0")),
              Long.parseLong(m.getOrDefault("toRevision." + name, "0")),
              MigrationGate.read(prefixed(m, "migration." + name + "."))));
    }
    return new ReleaseParams(
        m.getOrDefault("asked", ""),
        Boolean.parseBoolean(m.getOrDefault("rollbackOnFailure", "true")),
        entries);
  }
}
