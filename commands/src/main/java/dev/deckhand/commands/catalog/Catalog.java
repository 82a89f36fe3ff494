package dev.deckhand.commands.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated catalog: clusters, environments, roles, registries, services and people. Immutable
 * and thread-safe. Maps keep the order of the file.
 *
 * @param defaultEnvironment the environment used when a command names none, null if none
 * @param people who is who across platforms ({@code people:})
 * @param open {@code open: true}: anyone may do what no role reserves, except break-glass and
 *     approving in protected environments, which always need an explicit grant
 * @param databases the databases {@code /sql} and SQL-file migrations reach ({@code databases:})
 * @param release {@code release:}, the waves of {@code /deploy-all}; null for the default (one wave
 *     per service in catalog order, see {@link #release()})
 * @param bundles the directories of manifests {@code /apply} applies ({@code bundles:})
 */
public record Catalog(
    Map<String, ClusterSpec> clusters,
    Map<String, EnvironmentSpec> environments,
    String defaultEnvironment,
    Map<String, RoleSpec> roles,
    Map<String, RegistrySpec> registries,
    Map<String, ServiceSpec> services,
    People people,
    boolean open,
    Map<String, DatabaseSpec> databases,
    ReleaseSpec release,
    Map<String, BundleSpec> bundles) {
  public Catalog {
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(environments, "environments");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(registries, "registries");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(people, "people");
    databases =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(databases == null ? Map.of() : databases));
    bundles =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(bundles == null ? Map.of() : bundles));
  }

  /** A catalog without bundles. */
  public Catalog(
      Map<String, ClusterSpec> clusters,
      Map<String, EnvironmentSpec> environments,
      String defaultEnvironment,
      Map<String, RoleSpec> roles,
      Map<String, RegistrySpec> registries,
      Map<String, ServiceSpec> services,
      People people,
      boolean open,
      Map<String, DatabaseSpec> databases,
      ReleaseSpec release) {
    this(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        databases,
        release,
        Map.of());
  }

  /** The same catalog with these bundles. */
  public Catalog withBundles(Map<String, BundleSpec> newBundles) {
    return new Catalog(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        databases,
        release,
        newBundles);
  }

  /** Finds a bundle by its name, ignoring case. */
  public Optional<BundleSpec> bundle(String name) {
    return bundles.values().stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst();
  }

  /** A catalog without databases. */
  public Catalog(
      Map<String, ClusterSpec> clusters,
      Map<String, EnvironmentSpec> environments,
      String defaultEnvironment,
      Map<String, RoleSpec> roles,
      Map<String, RegistrySpec> registries,
      Map<String, ServiceSpec> services,
      People people,
      boolean open) {
    this(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        Map.of(),
        null);
  }

  /** A catalog with the default release (one wave per service). */
  public Catalog(
      Map<String, ClusterSpec> clusters,
      Map<String, EnvironmentSpec> environments,
      String defaultEnvironment,
      Map<String, RoleSpec> roles,
      Map<String, RegistrySpec> registries,
      Map<String, ServiceSpec> services,
      People people,
      boolean open,
      Map<String, DatabaseSpec> databases) {
    this(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        databases,
        null);
  }

  /** {@code release:}, or one wave per service in catalog order when the catalog has none. */
  @Override
  public ReleaseSpec release() {
    return release == null ? ReleaseSpec.oneByOne(services.keySet()) : release;
  }

  /** The same catalog with this release. */
  public Catalog with(ReleaseSpec newRelease) {
    return new Catalog(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        databases,
        newRelease,
        bundles);
  }

  /** The same catalog with these databases. */
  public Catalog withDatabases(Map<String, DatabaseSpec> newDatabases) {
    return new Catalog(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        newDatabases,
        release,
        bundles);
  }

  /** Finds a database by its name, ignoring case. */
  public Optional<DatabaseSpec> database(String name) {
    return databases.values().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  /** A catalog without people, closed. */
  public Catalog(
      Map<String, ClusterSpec> clusters,
      Map<String, EnvironmentSpec> environments,
      String defaultEnvironment,
      Map<String, RoleSpec> roles,
      Map<String, RegistrySpec> registries,
      Map<String, ServiceSpec> services) {
    this(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        People.NONE,
        false);
  }

  /** The same catalog with these people and openness. */
  public Catalog with(People people, boolean open) {
    return new Catalog(
        clusters,
        environments,
        defaultEnvironment,
        roles,
        registries,
        services,
        people,
        open,
        databases,
        release,
        bundles);
  }

  /** Finds a service by its name or one of its aliases, ignoring case. */
  public Optional<ServiceSpec> service(String nameOrAlias) {
    String wanted = nameOrAlias.toLowerCase(Locale.ROOT);
    return services.values().stream()
        .filter(
            s ->
                s.name().equalsIgnoreCase(wanted)
                    || s.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted)))
        .findFirst();
  }

  public Optional<EnvironmentSpec> environment(String name) {
    return Optional.ofNullable(environments.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Up to three service names or aliases close to what was typed, closest first. */
  public List<String> suggestServices(String typed) {
    List<String> names = new ArrayList<>();
    for (ServiceSpec s : services.values()) {
      names.add(s.name());
      names.addAll(s.aliases());
    }
    return Suggestions.closest(typed, names, 3);
  }

  /** The names of every service, in catalog order. */
  public List<String> serviceNames() {
    return List.copyOf(services.keySet());
  }

  /** Environments in which the service has a target, in catalog order. */
  public List<EnvironmentSpec> environmentsOf(ServiceSpec service) {
    return environments.values().stream()
        .filter(e -> service.targets().containsKey(e.name()))
        .sorted(Comparator.comparingInt(e -> List.copyOf(environments.keySet()).indexOf(e.name())))
        .toList();
  }
}
