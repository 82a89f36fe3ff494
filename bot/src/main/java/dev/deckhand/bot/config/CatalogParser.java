package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.BundleSpec;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ClusterSpec;
import dev.deckhand.commands.catalog.DatabaseSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.Person;
import dev.deckhand.commands.catalog.PromotionSpec;
import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.catalog.ReleaseSpec;
import dev.deckhand.commands.catalog.RoleSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the whole document section by section, in dependency order (clusters before the
 * environments that name them, environments before targets and grants, people before the roles that
 * list them, services before demo tags), so that every cross reference can be checked. Roles and
 * environments name each other (grants name environments, approvals name roles): the role names are
 * read ahead of both.
 */
final class CatalogParser {
  private CatalogParser() {}

  /** The configuration, or empty when problems were reported. */
  static Optional<LoadedConfig> parse(YamlNode root, Path source) {
    Optional<YamlMap> found =
        root.map(
            "default-environment",
            "store",
            "chat",
            "registries",
            "clusters",
            "environments",
            "people",
            "roles",
            "open",
            "services",
            "databases",
            "bundles",
            "demo",
            "release",
            "promotion",
            "docker",
            "prometheus");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Declared<ClusterSpec> clusters =
        map.required("clusters", ": at least one cluster, e.g. prod: {context: my-context}")
            .map(ClusterSection::parse)
            .orElse(Declared.none());
    List<String> roleNames = map.get("roles").map(YamlNode::keysQuietly).orElse(List.of());
    Declared<EnvironmentSpec> environments =
        map.required("environments", ": at least one environment, e.g. prod: {cluster: prod}")
            .map(n -> EnvironmentSection.parse(n, clusters.names(), roleNames))
            .orElse(Declared.none());
    Optional<String> defaultEnvironment =
        map.get("default-environment")
            .flatMap(
                n ->
                    n.text()
                        .filter(e -> References.check(n, "environment", e, environments.names())));
    Declared<RegistrySpec> registries =
        map.required("registries", ": at least one registry, e.g. default: {url: https://...}")
            .map(RegistrySection::parse)
            .orElse(Declared.none());
    Declared<Person> people = map.get("people").map(PeopleSection::parse).orElse(Declared.none());
    Declared<RoleSpec> roles =
        map.get("roles")
            .map(n -> RoleSection.parse(n, environments.names(), people.names()))
            .orElse(Declared.none());
    boolean open = AccessSection.open(map, !roles.names().isEmpty());
    ServiceSection.Result services =
        map.required("services", ": at least one service")
            .map(n -> ServiceSection.parse(n, environments, registries))
            .orElse(new ServiceSection.Result(Declared.none(), Map.of()));
    Declared<DatabaseSpec> databases =
        map.get("databases")
            .map(n -> DatabaseSection.parse(n, environments))
            .orElse(Declared.none());
    map.get("databases").ifPresent(n -> DatabaseSection.checkNames(n, services.services().valid()));
    map.get("services").ifPresent(n -> SqlMigrateSection.checkReferences(n, databases.names()));
    Optional<ReleaseSpec> release =
        map.get("release").flatMap(n -> ReleaseSection.parse(n, services.services().names()));
    Declared<BundleSpec> bundles =
        map.get("bundles").map(n -> BundleSection.parse(n, environments)).orElse(Declared.none());
    map.get("bundles")
        .ifPresent(
            n -> BundleSection.checkNames(n, services.services().valid(), databases.valid()));
    Optional<PromotionSpec> promotion =
        map.get("promotion").flatMap(n -> PromotionSection.parse(n, environments));
    Optional<StoreSettings> store = map.get("store").flatMap(StoreSection::parse);
    ConsoleSettings console =
        map.get("chat").map(ConsoleSection::parse).orElse(ConsoleSettings.DEFAULT);
    Optional<SlackSettings> slack = map.get("chat").flatMap(SlackSection::parse);
    Optional<DiscordSettings> discord = map.get("chat").flatMap(DiscordSection::parse);
    Optional<DemoSettings> demo =
        map.get("demo").flatMap(n -> DemoSection.parse(n, services.services()));
    Optional<java.net.URI> docker = map.get("docker").flatMap(DockerSection::parse);
    Optional<PrometheusSettings> prometheus =
        map.get("prometheus").flatMap(PrometheusSection::parse);
    if (!root.context().problems().isEmpty()) {
      return Optional.empty();
    }
    Catalog catalog =
        new Catalog(
            clusters.valid(),
            environments.valid(),
            defaultEnvironment.orElse(null),
            roles.valid(),
            registries.valid(),
            services.services().valid(),
            PeopleSection.people(people),
            open,
            databases.valid(),
            release.orElse(null),
            bundles.valid(),
            promotion.orElse(PromotionSpec.NONE));
    return Optional.of(
        new LoadedConfig(
            catalog,
            store,
            console,
            demo,
            source,
            services.registries(),
            slack,
            discord,
            AccessSection.warnings(map, source),
            docker,
            prometheus));
  }
}
