package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Target;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One deployable service of the catalog.
 *
 * @param name the canonical name
 * @param aliases other names users may type
 * @param image the image name as pods reference it, without tag
 * @param tagPattern the tags this service accepts, matched whole; null accepts any valid tag
 * @param targets where it runs, per environment name
 * @param verify health checks per environment name (may be empty)
 * @param replicas how far {@code /scale} may go
 * @param migration the Job that must complete before a new image is set, or null for none
 * @param config its ConfigMaps and Secret ({@link ServiceConfig#NONE} for none)
 * @param sqlMigration its {@code migrate: { sql: … }}, null when it has none
 * @param hooks the webhooks called after a deploy succeeded, in order (may be empty)
 * @param build how {@code /build} makes its image, null when it is not built by Deckhand
 * @param strategy how {@code /deploy} changes it when not told
 * @param blueGreen its {@code blue-green:} section, null for none
 * @param canary its {@code canary:} section, null for none
 */
public record ServiceSpec(
    String name,
    List<String> aliases,
    String image,
    Pattern tagPattern,
    Map<String, Target> targets,
    Map<String, List<HealthCheck>> verify,
    ReplicaBounds replicas,
    MigrationJob migration,
    ServiceConfig config,
    SqlMigration sqlMigration,
    List<Hook> hooks,
    BuildSpec build,
    Strategy strategy,
    BlueGreenSpec blueGreen,
    CanarySpec canary) {
  public ServiceSpec {
    Objects.requireNonNull(strategy, "strategy");
    if (strategy == Strategy.BLUE_GREEN && blueGreen == null) {
      throw new IllegalArgumentException(
          "service " + name + " deploys blue-green but has no blue-green section");
    }
    if (strategy == Strategy.CANARY && canary == null) {
      throw new IllegalArgumentException(
          "service " + name + " deploys as a canary but has no canary section");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(replicas, "replicas");
    Objects.requireNonNull(config, "config");
    aliases = List.copyOf(aliases);
    hooks = List.copyOf(hooks);
    targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    verify = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verify));
  }

  /**
   * A builder of a service named {@code name} running {@code image}: without aliases, tag pattern,
   * targets, health checks, migration gate, ConfigMaps, Secret, SQL-file migrations or hooks, with
   * the default replica bounds, until told otherwise.
   */
  public static Builder builder(String name, String image) {
    return new Builder(name, image);
  }

  /** A builder that starts from this service's components. */
  public Builder toBuilder() {
    return new Builder(name, image)
        .aliases(aliases)
        .tagPattern(tagPattern)
        .targets(targets)
        .verify(verify)
        .replicas(replicas)
        .migration(migration)
        .config(config)
        .sqlMigration(sqlMigration)
        .hooks(hooks)
        .buildSpec(build)
        .strategy(strategy)
        .blueGreen(blueGreen)
        .canary(canary);
  }

  /** Its {@code canary:} section, if it has one. */
  public Optional<CanarySpec> canarySpec() {
    return Optional.ofNullable(canary);
  }

  /** Its {@code blue-green:} section, if it has one. */
  public Optional<BlueGreenSpec> blueGreenSpec() {
    return Optional.ofNullable(blueGreen);
  }

  /** How {@code /build} makes its image, when it says. */
  public Optional<BuildSpec> buildSpec() {
    return Optional.ofNullable(build);
  }

  /** This service with {@code list} as its post-deploy hooks. */
  public ServiceSpec withHooks(List<Hook> list) {
    return toBuilder().hooks(list).build();
  }

  /** The hooks to call after a deploy to {@code environment} succeeded. */
  public List<Hook> hooks(String environment) {
    return hooks.stream().filter(h -> h.runsIn(environment)).toList();
  }

  /** The same service with these ConfigMaps and Secret. */
  public ServiceSpec withConfig(ServiceConfig c) {
    return toBuilder().config(c).build();
  }

  /** This service with {@code job} as its migration gate. */
  public ServiceSpec withMigration(MigrationJob job) {
    return toBuilder().migration(job).build();
  }

  /** This service with {@code sql} as its SQL-file migrations (null for none). */
  public ServiceSpec withSql(SqlMigration sql) {
    return toBuilder().sqlMigration(sql).build();
  }

  /** Its {@code migrate: { sql: … }}, if it has one. */
  public Optional<SqlMigration> sql() {
    return Optional.ofNullable(sqlMigration);
  }

  /** The Job that must complete before a new image is set, if the service declares one. */
  public Optional<MigrationJob> migrationJob() {
    return Optional.ofNullable(migration);
  }

  public Optional<Target> target(String environment) {
    return Optional.ofNullable(targets.get(environment));
  }

  public List<HealthCheck> checks(String environment) {
    return verify.getOrDefault(environment, List.of());
  }

  /** True when the tag fits the service's pattern (or there is none). */
  public boolean acceptsTag(String tag) {
    return tagPattern == null || tagPattern.matcher(tag).matches();
  }

  /** Builds a {@link ServiceSpec}; see {@link ServiceSpec#builder} for the defaults. */
  public static final class Builder {
    private final String name;
    private final String image;
    private List<String> aliases = List.of();
    private Pattern tagPattern;
    private Map<String, Target> targets = Map.of();
    private Map<String, List<HealthCheck>> verify = Map.of();
    private ReplicaBounds replicas = ReplicaBounds.DEFAULT;
    private MigrationJob migration;
    private ServiceConfig config = ServiceConfig.NONE;
    private SqlMigration sqlMigration;
    private List<Hook> hooks = List.of();
    private BuildSpec build;
    private Strategy strategy = Strategy.ROLLING;
    private BlueGreenSpec blueGreen;
    private CanarySpec canary;

    private Builder(String name, String image) {
      this.name = name;
      this.image = image;
    }

    public Builder aliases(List<String> value) {
      aliases = value;
      return this;
    }

    /** The tags this service accepts, matched whole; null accepts any valid tag. */
    public Builder tagPattern(Pattern value) {
      tagPattern = value;
      return this;
    }

    public Builder targets(Map<String, Target> value) {
      targets = value;
      return this;
    }

    public Builder verify(Map<String, List<HealthCheck>> value) {
      verify = value;
      return this;
    }

    public Builder replicas(ReplicaBounds value) {
      replicas = value;
      return this;
    }

    /** The Job that must complete before a new image is set, null for none. */
    public Builder migration(MigrationJob value) {
      migration = value;
      return this;
    }

    public Builder config(ServiceConfig value) {
      config = value;
      return this;
    }

    /** Its {@code migrate: { sql: … }}, null for none. */
    public Builder sqlMigration(SqlMigration value) {
      sqlMigration = value;
      return this;
    }

    public Builder hooks(List<Hook> value) {
      hooks = value;
      return this;
    }

    /** How {@code /build} makes its image; null for none. */
    public Builder buildSpec(BuildSpec value) {
      build = value;
      return this;
    }

    /** How {@code /deploy} changes it when not told ({@link Strategy#ROLLING} by default). */
    public Builder strategy(Strategy value) {
      strategy = value;
      return this;
    }

    /** Its {@code blue-green:} section; null for none. */
    public Builder blueGreen(BlueGreenSpec value) {
      blueGreen = value;
      return this;
    }

    /** Its {@code canary:} section; null for none. */
    public Builder canary(CanarySpec value) {
      canary = value;
      return this;
    }

    public ServiceSpec build() {
      return new ServiceSpec(
          name,
          aliases,
          image,
          tagPattern,
          targets,
          verify,
          replicas,
          migration,
          config,
          sqlMigration,
          hooks,
          build,
          strategy,
          blueGreen,
          canary);
    }
  }
}
