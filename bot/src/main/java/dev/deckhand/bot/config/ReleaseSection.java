package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ReleaseFiles;
import dev.deckhand.commands.catalog.ReleaseSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code release: {waves: [[gateway, dashboard], [quiz, agent]], rollback-on-failure: true, files:
 * releases}}: the order in which {@code /deploy-all} rolls the services (each inner list is a wave,
 * rolled in parallel; the next wave waits), whether a failure rolls back what the release rolled,
 * and where release files (service to tag, for {@code /deploy-all --release}) are. Every service of
 * the catalog must be in exactly one wave, so that a new service is never left out of a release
 * unnoticed. Without the section: one wave per service, in catalog order.
 */
final class ReleaseSection {
  private ReleaseSection() {}

  /**
   * The release, or empty when problems were reported.
   *
   * @param services every service the catalog declares, in file order
   */
  static Optional<ReleaseSpec> parse(YamlNode node, Collection<String> services) {
    Optional<YamlMap> found = node.map("waves", "rollback-on-failure", "files");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    boolean rollback = map.bool("rollback-on-failure", true);
    Optional<ReleaseFiles> files = files(map);
    Optional<YamlNode> wavesNode =
        map.required(
            "waves", ": a list of waves, each a list of services, e.g. [[gateway], [quiz, agent]]");
    if (wavesNode.isEmpty()) {
      return Optional.empty();
    }
    Optional<List<YamlNode>> items = wavesNode.get().list();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    boolean ok = true;
    Map<String, String> placed = new LinkedHashMap<>();
    List<List<String>> waves = new ArrayList<>();
    for (int i = 0; i < items.get().size(); i++) {
      YamlNode item = items.get().get(i);
      Optional<List<String>> names = item.texts();
      if (names.isEmpty()) {
        ok = false;
        continue;
      }
      if (names.get().isEmpty()) {
        item.problem("a wave needs at least one service");
        ok = false;
        continue;
      }
      for (String name : names.get()) {
        if (!References.check(item, "service", name, services)) {
          ok = false;
        } else if (placed.containsKey(name)) {
          item.problem(name + " is already in " + placed.get(name) + "; a service rolls once");
          ok = false;
        } else {
          placed.put(name, "wave " + (i + 1));
        }
      }
      waves.add(names.get());
    }
    List<String> missing = services.stream().filter(s -> !placed.containsKey(s)).toList();
    if (ok && !missing.isEmpty()) {
      wavesNode
          .get()
          .problem(
              "every service must be in a wave; not in any: "
                  + String.join(", ", missing)
                  + " (add them to a wave, e.g. [["
                  + String.join(", ", missing)
                  + "]] at the end)");
      ok = false;
    }
    if (waves.isEmpty() && ok) {
      wavesNode.get().problem("at least one wave is required");
      ok = false;
    }
    return ok && files.isPresent()
        ? Optional.of(new ReleaseSpec(waves, rollback, files.get()))
        : Optional.empty();
  }

  /**
   * {@code files: <dir>}, relative to the catalog file: where {@code /deploy-all --release <name>}
   * finds {@code <name>.yaml}. Absent: {@link ReleaseFiles#NONE}; a directory that does not exist
   * is a problem (empty is fine: releases are written later).
   */
  private static Optional<ReleaseFiles> files(YamlMap map) {
    Optional<YamlNode> node = map.get("files");
    if (node.isEmpty()) {
      return Optional.of(ReleaseFiles.NONE);
    }
    Optional<String> text = node.get().text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Path base = node.get().context().baseDir();
    Path dir = base == null ? Path.of(text.get()) : base.resolve(text.get()).normalize();
    if (!Files.isDirectory(dir)) {
      node.get()
          .problem(
              "directory "
                  + dir
                  + " does not exist; create it for the release files, or fix files: (relative to"
                  + " the catalog file)");
      return Optional.empty();
    }
    return Optional.of(new ReleaseFileReader(dir));
  }
}
