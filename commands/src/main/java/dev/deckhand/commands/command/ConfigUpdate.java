package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;

/**
 * {@code /config-update <service> [--env E]}: regenerates the service's ConfigMap in that
 * environment from the catalog's source file, then restarts the deployment.
 */
public record ConfigUpdate(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public ConfigUpdate {
    Resolve.operation(service, environment, target, breakGlass);
    configMap(service, environment);
  }

  public static final CommandSpec SPEC =
      Resolve.serviceCommand(
          "config-update",
          "regenerate a service's ConfigMap from its file, show the key diff, then restart it",
          "/config-update gateway --env staging",
          ConfigUpdate::new);

  /** The ConfigMap this command regenerates. */
  public ServiceConfig.ConfigMapSource configMap() {
    return configMap(service, environment);
  }

  private static ServiceConfig.ConfigMapSource configMap(
      ServiceSpec service, EnvironmentSpec environment) {
    return service
        .config()
        .configMap(environment.name())
        .orElseThrow(
            () ->
                new UsageException(
                    service.name() + " has no ConfigMap in " + environment.name(),
                    "declare one in the catalog: config: { "
                        + environment.name()
                        + ": { configmap: NAME, from: \"env-file:PATH\" } } under services."
                        + service.name()));
  }

  @Override
  public String action() {
    return "config-update";
  }
}
