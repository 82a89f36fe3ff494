package dev.deckhand.commands.catalog;

import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.model.Target;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL database of the catalog ({@code databases:}) that {@code /sql} and SQL-file
 * migrations reach by exec'ing {@code psql} in its pod.
 *
 * @param name the catalog's name for it
 * @param locations where its pod runs, per environment name
 * @param container the container that has {@code psql}
 * @param database the database {@code psql -d} connects to
 * @param user the role {@code psql -U} connects as
 */
public record DatabaseSpec(
    String name, Map<String, Location> locations, String container, String database, String user) {

  /**
   * Where the database runs in one environment.
   *
   * @param target its cluster and namespace, the workload's (or pod's) name and the container: what
   *     locks, the timeline and the live message name
   * @param pod the pod exec goes into
   */
  public record Location(Target target, PodSelector pod) {
    public Location {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pod, "pod");
    }
  }

  public DatabaseSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
  }

  public Optional<Location> location(String environment) {
    return Optional.ofNullable(locations.get(environment));
  }

  /**
   * The database as the subject of an operation: a service of its name (the lock, the timeline and
   * the audit are kept under it), running where the database runs, with no image of its own.
   */
  public ServiceSpec asService() {
    Map<String, Target> targets = new LinkedHashMap<>();
    locations.forEach((env, l) -> targets.put(env, l.target()));
    return ServiceSpec.builder(name, "").targets(targets).build();
  }
}
