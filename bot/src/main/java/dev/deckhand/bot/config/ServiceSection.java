package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.catalog.ReplicaBounds;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.SqlMigration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code services:} name → {@code {aliases, image, registry, tag-pattern, targets, verify,
 * replicas, migrate}} ({@code migrate.job}: {@link MigrateSection}; {@code migrate.sql}: {@link
 * SqlMigrateSection}). Checks names, the image, the registry reference, the tag pattern and the
 * replica bounds, and that aliases collide with no other service's name or alias.
 */
final class ServiceSection {
  /** The services and, for each, the name of the registry that holds its images. */
  record Result(Declared<ServiceSpec> services, Map<String, String> registries) {}

  private record AliasUse(String alias, String service, YamlNode node) {}

  private final Declared<EnvironmentSpec> environments;
  private final Declared<RegistrySpec> registries;
  private final Map<String, String> registryOf = new LinkedHashMap<>();
  private final List<AliasUse> aliases = new ArrayList<>();

  private ServiceSection(
      Declared<EnvironmentSpec> environments, Declared<RegistrySpec> registries) {
    this.environments = environments;
    this.registries = registries;
  }

  static Result parse(
      YamlNode node, Declared<EnvironmentSpec> environments, Declared<RegistrySpec> registries) {
    ServiceSection section = new ServiceSection(environments, registries);
    Declared<ServiceSpec> services = Sections.named(node, "service", section::service);
    section.checkAliases(services.names());
    return new Result(services, section.registryOf);
  }

  private Optional<ServiceSpec> service(String name, YamlNode node) {
    Optional<YamlMap> found =
        node.map(
            "aliases",
            "image",
            "registry",
            "tag-pattern",
            "targets",
            "verify",
            "replicas",
            "migrate",
            "hooks",
            "config",
            "secret",
            "secret-keys",
            "build",
            "strategy",
            "blue-green",
            "canary");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    List<String> serviceAliases = aliases(name, map);
    Optional<String> image =
        map.requiredText("image").filter(i -> map.accept("image", Names.imageProblem(i)));
    registry(name, map);
    Pattern tagPattern = tagPattern(map);
    List<VerifySection.Template> checks =
        map.get("verify").flatMap(VerifySection::parse).orElse(List.of());
    Optional<dev.deckhand.commands.catalog.BlueGreenSpec> blueGreen =
        BlueGreenSection.parse(map.get("blue-green"));
    Optional<String> kubeService = blueGreen.map(b -> b.service());
    Optional<TargetSection.Parsed> targets =
        map.required("targets", "; say where the service runs, per environment")
            .flatMap(t -> TargetSection.parse(t, environments, checks, kubeService));
    Optional<ReplicaBounds> replicas = ReplicasSection.parse(map.get("replicas"));
    Optional<MigrationJob> migration = MigrateSection.parse(map.get("migrate"));
    ServiceConfig config =
        ConfigSection.parse(
            map, targets.map(t -> t.targets().keySet()).orElse(environments.names()));
    Optional<SqlMigration> sql = map.get("migrate").flatMap(SqlMigrateSection::parse);
    List<Hook> hooks = HookSection.parse(map.get("hooks"), environments.names());
    Optional<dev.deckhand.commands.catalog.BuildSpec> build = BuildSection.parse(map.get("build"));
    Optional<dev.deckhand.commands.catalog.CanarySpec> canary =
        CanarySection.parse(map.get("canary"));
    Optional<dev.deckhand.commands.catalog.Strategy> strategy =
        BlueGreenSection.strategy(map, blueGreen.isPresent(), canary.isPresent());
    if (image.isEmpty() || targets.isEmpty() || replicas.isEmpty() || strategy.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceSpec(
            name,
            serviceAliases,
            image.get(),
            tagPattern,
            targets.get().targets(),
            targets.get().verify(),
            replicas.get(),
            migration.orElse(null),
            config,
            sql.orElse(null),
            hooks,
            build.orElse(null),
            strategy.get(),
            blueGreen.orElse(null),
            canary.orElse(null)));
  }

  private List<String> aliases(String service, YamlMap map) {
    List<String> names = new ArrayList<>();
    for (YamlNode item : map.get("aliases").flatMap(YamlNode::list).orElse(List.of())) {
      if (item.isNull()) {
        item.problem("must not be empty");
      }
      item.text()
          .ifPresent(
              alias -> {
                Names.labelProblem(alias).ifPresent(item::problem);
                aliases.add(new AliasUse(alias, service, item));
                names.add(alias);
              });
    }
    return names;
  }

  private void registry(String service, YamlMap map) {
    Optional<YamlNode> node = map.get("registry");
    if (node.isPresent()) {
      node.get()
          .text()
          .filter(r -> References.check(node.get(), "registry", r, registries.names()))
          .ifPresent(r -> registryOf.put(service, r));
    } else if (registries.names().contains("default")) {
      registryOf.put(service, "default");
    } else if (registries.names().size() == 1) {
      registryOf.put(service, registries.names().iterator().next());
    } else if (registries.names().size() > 1) {
      map.owner()
          .context()
          .problems()
          .add(
              map.owner().line(),
              map.owner().childPath("registry"),
              "required: there are several registries and none is named 'default'; say which"
                  + " one holds this image (one of "
                  + String.join(", ", registries.names())
                  + ")");
    }
  }

  private static Pattern tagPattern(YamlMap map) {
    Optional<String> text = map.text("tag-pattern");
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(text.get());
    } catch (PatternSyntaxException e) {
      map.accept(
          "tag-pattern",
          Optional.of(
              "not a valid regular expression: "
                  + e.getDescription()
                  + " at index "
                  + e.getIndex()));
      return null;
    }
  }

  private void checkAliases(Iterable<String> serviceNames) {
    Map<String, String> owners = new LinkedHashMap<>();
    serviceNames.forEach(n -> owners.put(n, null));
    for (AliasUse use : aliases) {
      String quoted = "alias '" + use.alias() + "'";
      if (use.alias().equals(use.service())) {
        use.node().problem(quoted + " repeats the service's own name");
      } else if (owners.containsKey(use.alias()) && owners.get(use.alias()) == null) {
        use.node().problem(quoted + " is already the name of service '" + use.alias() + "'");
      } else if (use.service().equals(owners.get(use.alias()))) {
        use.node().problem(quoted + " is listed twice");
      } else if (owners.containsKey(use.alias())) {
        use.node()
            .problem(quoted + " is also an alias of service '" + owners.get(use.alias()) + "'");
      } else {
        owners.put(use.alias(), use.service());
      }
    }
  }
}
