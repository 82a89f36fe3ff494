package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.DatabaseSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.model.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databases:} name → {@code {targets, container, database, user}}: the PostgreSQL databases
 * {@code /sql} and SQL-file migrations reach by exec'ing {@code psql} in a pod. {@code targets} is
 * environment → {@code {namespace, deployment | statefulset | pod}} (exactly one of the three),
 * like a service's targets; {@code container} defaults to {@code postgres}, {@code database} to the
 * entry's name, {@code user} to {@code postgres}. A database's name must not be a service's name or
 * alias: operations on it are locked and recorded under that name.
 */
final class DatabaseSection {
  private static final List<String> WORKLOADS = List.of("deployment", "statefulset", "pod");

  private DatabaseSection() {}

  static Declared<DatabaseSpec> parse(YamlNode node, Declared<EnvironmentSpec> environments) {
    return Sections.named(node, null, (name, entry) -> database(name, entry, environments));
  }

  private static Optional<DatabaseSpec> database(
      String name, YamlNode node, Declared<EnvironmentSpec> environments) {
    Optional<YamlMap> found = node.map("targets", "container", "database", "user");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> container =
        map.text("container").filter(c -> map.accept("container", Names.labelProblem(c)));
    boolean containerOk = map.get("container").isEmpty() || container.isPresent();
    Optional<String> database = map.text("database");
    Optional<String> user = map.text("user");
    String c = container.orElse("postgres");
    Optional<YamlNode> targetsNode =
        map.required(
            "targets", "; say where its pod runs, e.g. staging: {namespace: db, statefulset: pg}");
    if (targetsNode.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlMap> targets = targetsNode.get().namedMap();
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    if (targets.get().isEmpty()) {
      targetsNode.get().problem("at least one target is required: environment: {namespace, …}");
      return Optional.empty();
    }
    Map<String, DatabaseSpec.Location> locations = new LinkedHashMap<>();
    boolean ok = containerOk;
    for (Map.Entry<String, YamlNode> e : targets.get().entries().entrySet()) {
      String env = e.getKey();
      if (!References.check(e.getValue(), "environment", env, environments.names())) {
        ok = false;
        continue;
      }
      Optional<DatabaseSpec.Location> location =
          location(e.getValue(), environments.valid().get(env), c);
      if (location.isPresent()) {
        locations.put(env, location.get());
      } else {
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new DatabaseSpec(name, locations, c, database.orElse(name), user.orElse("postgres")));
  }

  private static Optional<DatabaseSpec.Location> location(
      YamlNode node, EnvironmentSpec environment, String container) {
    Optional<YamlMap> found = node.map("namespace", "deployment", "statefulset", "pod");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> namespace =
        map.requiredText("namespace").filter(n -> map.accept("namespace", Names.labelProblem(n)));
    List<String> given = WORKLOADS.stream().filter(w -> map.get(w).isPresent()).toList();
    if (given.size() != 1) {
      node.problem(
          given.isEmpty()
              ? "say which pod: one of deployment, statefulset or pod"
              : "give only one of deployment, statefulset or pod, not "
                  + String.join(" and ", given));
      return Optional.empty();
    }
    String kind = given.get(0);
    Optional<String> name =
        map.requiredText(kind).filter(n -> map.accept(kind, Names.subdomainProblem(n)));
    if (environment == null || namespace.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DatabaseSpec.Location(
            new Target(environment.cluster(), namespace.get(), name.get(), container),
            new PodSelector(
                PodSelector.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), name.get())));
  }

  /** Reports a database named like a service or one of its aliases. */
  static void checkNames(YamlNode node, Map<String, ServiceSpec> services) {
    node.namedMap()
        .ifPresent(
            map ->
                map.entries()
                    .forEach(
                        (name, entry) ->
                            services.values().stream()
                                .filter(s -> s.name().equals(name) || s.aliases().contains(name))
                                .findFirst()
                                .ifPresent(
                                    s ->
                                        entry.problem(
                                            "database '"
                                                + name
                                                + "' has the name of service '"
                                                + s.name()
                                                + "' (or an alias of it): operations on both"
                                                + " would share a lock; name it otherwise, e.g. "
                                                + name
                                                + "-db"))));
  }
}
