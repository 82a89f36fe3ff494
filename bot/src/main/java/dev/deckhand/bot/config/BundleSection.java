package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.BundleSpec;
import dev.deckhand.commands.catalog.DatabaseSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.manifest.ManifestFiles;
import dev.deckhand.commands.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code bundles:} name → {@code {dir, targets}}: directories of Kubernetes manifests {@code
 * /apply} server-side applies. {@code dir} is relative to the catalog file and must hold at least
 * one {@code *.yaml} or {@code *.yml} file; {@code targets} is environment → {@code {namespace}}
 * (the cluster is the environment's). A bundle's name must not be a service's (or alias) or a
 * database's: operations on it are locked and recorded under that name.
 */
final class BundleSection {
  private BundleSection() {}

  static Declared<BundleSpec> parse(YamlNode node, Declared<EnvironmentSpec> environments) {
    return Sections.named(node, null, (name, entry) -> bundle(name, entry, environments));
  }

  private static Optional<BundleSpec> bundle(
      String name, YamlNode node, Declared<EnvironmentSpec> environments) {
    Optional<YamlMap> found = node.map("dir", "targets");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<Path> dir = map.requiredText("dir").flatMap(d -> dir(map, d));
    Optional<YamlNode> targetsNode =
        map.required("targets", "; say where it is applied, e.g. staging: {namespace: web}");
    if (targetsNode.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlMap> targets = targetsNode.get().namedMap();
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    if (targets.get().isEmpty()) {
      targetsNode.get().problem("at least one target is required: environment: {namespace: …}");
      return Optional.empty();
    }
    Map<String, Target> at = new LinkedHashMap<>();
    boolean ok = dir.isPresent();
    for (Map.Entry<String, YamlNode> e : targets.get().entries().entrySet()) {
      String env = e.getKey();
      if (!References.check(e.getValue(), "environment", env, environments.names())) {
        ok = false;
        continue;
      }
      Optional<YamlMap> t = e.getValue().map("namespace");
      Optional<String> namespace =
          t.flatMap(
              m ->
                  m.requiredText("namespace")
                      .filter(n -> m.accept("namespace", Names.labelProblem(n))));
      EnvironmentSpec environment = environments.valid().get(env);
      if (namespace.isEmpty() || environment == null) {
        ok = false;
        continue;
      }
      at.put(env, new Target(environment.cluster(), namespace.get(), name, name));
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new BundleSpec(name, dir.get(), at));
  }

  /** The directory, resolved beside the catalog, when it exists and holds a manifest. */
  private static Optional<Path> dir(YamlMap map, String dir) {
    YamlNode node = map.get("dir").orElseThrow();
    Path base = node.context().baseDir();
    Path resolved = base == null ? Path.of(dir) : base.resolve(dir).normalize();
    if (!Files.isDirectory(resolved)) {
      node.problem(
          "directory "
              + resolved
              + " does not exist; create it with the bundle's manifests, or fix dir: (relative to"
              + " the catalog file)");
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(resolved)) {
      if (files.noneMatch(
          p -> Files.isRegularFile(p) && ManifestFiles.isManifest(p.getFileName().toString()))) {
        node.problem(
            "directory " + resolved + " holds no *.yaml or *.yml file; put the manifests there");
        return Optional.empty();
      }
    } catch (IOException e) {
      node.problem("cannot read directory " + resolved + ": " + e.getMessage());
      return Optional.empty();
    }
    return Optional.of(resolved);
  }

  /** Reports a bundle named like a service (or one of its aliases) or a database. */
  static void checkNames(
      YamlNode node, Map<String, ServiceSpec> services, Map<String, DatabaseSpec> databases) {
    node.namedMap()
        .ifPresent(
            map ->
                map.entries()
                    .forEach(
                        (name, entry) -> {
                          Optional<String> clash =
                              services.values().stream()
                                  .filter(s -> s.name().equals(name) || s.aliases().contains(name))
                                  .map(s -> "service '" + s.name() + "' (or an alias of it)")
                                  .findFirst()
                                  .or(
                                      () ->
                                          databases.containsKey(name)
                                              ? Optional.of("database '" + name + "'")
                                              : Optional.empty());
                          clash.ifPresent(
                              c ->
                                  entry.problem(
                                      "bundle '"
                                          + name
                                          + "' has the name of "
                                          + c
                                          + ": operations on both would share a lock; name it"
                                          + " otherwise, e.g. "
                                          + name
                                          + "-manifests"));
                        }));
  }
}
