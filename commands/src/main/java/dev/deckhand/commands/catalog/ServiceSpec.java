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
    List<Hook> hooks) {
  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(replicas, "replicas");
    Objects.requireNonNull(config, "config");
    aliases = List.copyOf(aliases);
    hooks = List.copyOf(hooks);
    targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    verify = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verify));
  }

  /** A service without a migration gate, ConfigMaps or Secret. */
  public ServiceSpec(
      String name,
      List<String> aliases,
      String image,
      Pattern tagPattern,
      Map<String, Target> targets,
      Map<String, List<HealthCheck>> verify,
      ReplicaBounds replicas) {
    this(
        name,
        aliases,
        image,
        tagPattern,
        targets,
        verify,
        replicas,
        null,
        ServiceConfig.NONE,
        null);
  }

  /** A service with a migration gate (or null), without ConfigMaps or Secret. */
  public ServiceSpec(
      String name,
      List<String> aliases,
      String image,
      Pattern tagPattern,
      Map<String, Target> targets,
      Map<String, List<HealthCheck>> verify,
      ReplicaBounds replicas,
      MigrationJob migration) {
    this(
        name,
        aliases,
        image,
        tagPattern,
        targets,
        verify,
        replicas,
        migration,
        ServiceConfig.NONE,
        null);
  }

  /** A service without post-deploy hooks. */
  public ServiceSpec(
      String name,
      List<String> aliases,
      String image,
      Pattern tagPattern,
      Map<String, Target> targets,
      Map<String, List<HealthCheck>> verify,
      ReplicaBounds replicas,
      MigrationJob migration,
      ServiceConfig config,
      SqlMigration sqlMigration) {
    this(
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
        List.of());
  }

  /** This service with {@code list} as its post-deploy hooks. */
  public ServiceSpec withHooks(List<Hook> list) {
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
        list);
  }

  /** The hooks to call after a deploy to {@code environment} succeeded. */
  public List<Hook> hooks(String environment) {
    return hooks.stream().filter(h -> h.runsIn(environment)).toList();
  }

  /** A service with a migration gate (or null) and ConfigMaps, without SQL-file migrations. */
  public ServiceSpec(
      String name,
      List<String> aliases,
      String image,
      Pattern tagPattern,
      Map<String, Target> targets,
      Map<String, List<HealthCheck>> verify,
      ReplicaBounds replicas,
      MigrationJob migration,
      ServiceConfig config) {
    this(name, aliases, image, tagPattern, targets, verify, replicas, migration, config, null);
  }

  /** The same service with these ConfigMaps and Secret. */
  public ServiceSpec withConfig(ServiceConfig c) {
    return new ServiceSpec(
        name,
        aliases,
        image,
        tagPattern,
        targets,
        verify,
        replicas,
        migration,
        c,
        sqlMigration,
        hooks);
  }

  /** A service with the default replica bounds. */
  public ServiceSpec(
      String name,
      List<String> aliases,
      String image,
      Pattern tagPattern,
      Map<String, Target> targets,
      Map<String, List<HealthCheck>> verify) {
    this(name, aliases, image, tagPattern, targets, verify, ReplicaBounds.DEFAULT);
  }

  /** This service with {@code job} as its migration gate. */
  public ServiceSpec withMigration(MigrationJob job) {
    return new ServiceSpec(
        name,
        aliases,
        image,
        tagPattern,
        targets,
        verify,
        replicas,
        job,
        config,
        sqlMigration,
        hooks);
  }

  /** This service with {@code sql} as its SQL-file migrations (null for none). */
  public ServiceSpec withSql(SqlMigration sql) {
    return new ServiceSpec(
        name, aliases, image, tagPattern, targets, verify, replicas, migration, config, sql, hooks);
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
}
