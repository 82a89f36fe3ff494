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
 * @param promotion {@code promotion:}, the zones {@code /promote} moves a digest through
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
    Map<String, BundleSpec> bundles,
    PromotionSpec promotion) {
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
    promotion = promotion == null ? PromotionSpec.NONE : promotion;
  }

  /**
   * A builder of a catalog: every component defaults to empty (no people, closed, the default
   * release), so callers set only what they need.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this catalog's components. */
  public Builder toBuilder() {
    return new Builder()
        .clusters(clusters)
        .environments(environments)
        .defaultEnvironment(defaultEnvironment)
        .roles(roles)
        .registries(registries)
        .services(services)
        .people(people)
        .open(open)
        .databases(databases)
        .release(release)
        .bundles(bundles)
        .promotion(promotion);
  }

  /** The same catalog with these bundles. */
  public Catalog withBundles(Map<String, BundleSpec> newBundles) {
    return toBuilder().bundles(newBundles).build();
  }

  /** Finds a bundle by its name, ignoring case. */
  public Optional<BundleSpec> bundle(String name) {
    return bundles.values().stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst();
  }

  /** {@code release:}, or one wave per service in catalog order when the catalog has none. */
  @Override
  public ReleaseSpec release() {
    return release == null ? ReleaseSpec.oneByOne(services.keySet()) : release;
  }

  /** The same catalog with this release. */
  public Catalog with(ReleaseSpec newRelease) {
    return toBuilder().release(newRelease).build();
  }

  /** The same catalog with these databases. */
  public Catalog withDatabases(Map<String, DatabaseSpec> newDatabases) {
    return toBuilder().databases(newDatabases).build();
  }

  /** Finds a database by its name, ignoring case. */
  public Optional<DatabaseSpec> database(String name) {
    return databases.values().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The same catalog with these people and openness. */
  public Catalog with(People people, boolean open) {
    return toBuilder().people(people).open(open).build();
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

  /** Builds a {@link Catalog}; see {@link Catalog#builder()} for the defaults. */
  public static final class Builder {
    private Map<String, ClusterSpec> clusters = Map.of();
    private Map<String, EnvironmentSpec> environments = Map.of();
    private String defaultEnvironment;
    private Map<String, RoleSpec> roles = Map.of();
    private Map<String, RegistrySpec> registries = Map.of();
    private Map<String, ServiceSpec> services = Map.of();
    private People people = People.NONE;
    private boolean open;
    private Map<String, DatabaseSpec> databases = Map.of();
    private ReleaseSpec release;
    private Map<String, BundleSpec> bundles = Map.of();
    private PromotionSpec promotion = PromotionSpec.NONE;

    private Builder() {}

    public Builder clusters(Map<String, ClusterSpec> value) {
      clusters = value;
      return this;
    }

    public Builder environments(Map<String, EnvironmentSpec> value) {
      environments = value;
      return this;
    }

    /** The environment used when a command names none, null for none. */
    public Builder defaultEnvironment(String value) {
      defaultEnvironment = value;
      return this;
    }

    public Builder roles(Map<String, RoleSpec> value) {
      roles = value;
      return this;
    }

    public Builder registries(Map<String, RegistrySpec> value) {
      registries = value;
      return this;
    }

    public Builder services(Map<String, ServiceSpec> value) {
      services = value;
      return this;
    }

    public Builder people(People value) {
      people = value;
      return this;
    }

    public Builder open(boolean value) {
      open = value;
      return this;
    }

    public Builder databases(Map<String, DatabaseSpec> value) {
      databases = value;
      return this;
    }

    /** {@code release:}, null for the default (one wave per service). */
    public Builder release(ReleaseSpec value) {
      release = value;
      return this;
    }

    public Builder bundles(Map<String, BundleSpec> value) {
      bundles = value;
      return this;
    }

    public Builder promotion(PromotionSpec value) {
      promotion = value;
      return this;
    }

    public Catalog build() {
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
          bundles,
          promotion);
    }
  }
}
