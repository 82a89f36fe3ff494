package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a valid catalog file configures. Immutable.
 *
 * @param catalog the services, environments, clusters, roles and registries
 * @param store the external PostgreSQL, or empty for the embedded one
 * @param console the console chat's users
 * @param demo the simulation settings, present only when the file has a {@code demo:} section
 * @param source the file it was loaded from
 * @param serviceRegistries service name → name of the registry holding its images
 * @param slack the Slack adapter, present only when the file has a {@code chat.slack:} section
 * @param discord the Discord adapter, present only when the file has a {@code chat.discord:}
 *     section
 * @param warnings what is valid but risky ({@code open: true}), shown by {@code check} and at start
 * @param docker the Docker Engine API {@code /build} uses, empty when {@code docker:} is absent
 * @param prometheus the metrics source canary gates query, empty when {@code prometheus:} is absent
 */
public record LoadedConfig(
    Catalog catalog,
    Optional<StoreSettings> store,
    ConsoleSettings console,
    Optional<DemoSettings> demo,
    Path source,
    Map<String, String> serviceRegistries,
    Optional<SlackSettings> slack,
    Optional<DiscordSettings> discord,
    List<Problem> warnings,
    Optional<java.net.URI> docker,
    Optional<PrometheusSettings> prometheus) {
  public LoadedConfig {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(demo, "demo");
    Objects.requireNonNull(source, "source");
    serviceRegistries = Map.copyOf(serviceRegistries);
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(discord, "discord");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(docker, "docker");
    Objects.requireNonNull(prometheus, "prometheus");
  }

  /**
   * Every secret value the catalog referenced (tokens, passwords, the store URL that may carry
   * credentials), for the redactor of chat replies and logs.
   */
  public List<String> secretValues() {
    List<String> out = new ArrayList<>();
    slack.ifPresent(
        s -> {
          out.add(s.botToken());
          s.appToken().ifPresent(out::add);
          s.signingSecret().ifPresent(out::add);
        });
    discord.ifPresent(d -> out.add(d.token()));
    prometheus.flatMap(PrometheusSettings::token).ifPresent(out::add);
    store.ifPresent(
        s -> {
          if (s.password() != null) {
            out.add(s.password());
          }
        });
    for (RegistrySpec r : catalog.registries().values()) {
      if (r.password() != null) {
        out.add(r.password());
      }
    }
    return out;
  }

  /** The registry that holds the service's images. */
  public RegistrySpec registryOf(ServiceSpec service) {
    String name = serviceRegistries.get(service.name());
    if (name == null) {
      throw new IllegalArgumentException("not a service of this catalog: " + service.name());
    }
    return catalog.registries().get(name);
  }
}
