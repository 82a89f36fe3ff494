package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.UsageException;
import java.util.Objects;

/**
 * {@code /deploy <service> <tag> --strategy blue-green} (or a {@code /deploy} of a service whose
 * catalog entry says {@code strategy: blue-green}): the new image on the idle colour, then the
 * Service's selector switched to it. Built by {@link Deploy#SPEC}'s grammar; needs the {@code
 * deploy} grant like any deploy.
 *
 * @param strategyTyped whether {@code --strategy blue-green} was typed (else the catalog's chose)
 */
public record BlueGreenDeploy(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    TagRequest tag,
    boolean dryRun,
    String breakGlass,
    boolean strategyTyped)
    implements OperationCommand {
  public BlueGreenDeploy {
    Resolve.operation(service, environment, target, breakGlass);
    Objects.requireNonNull(tag, "tag");
    spec(service);
  }

  /** The service's {@code blue-green:} section; refuses a service without one. */
  public static BlueGreenSpec spec(ServiceSpec service) {
    return service
        .blueGreenSpec()
        .orElseThrow(
            () ->
                new UsageException(
                    service.name() + " has no blue-green section in the catalog",
                    "add `blue-green: { service: <its Kubernetes Service> }` to "
                        + service.name()
                        + " or deploy with --strategy rolling"));
  }

  @Override
  public String action() {
    return "deploy";
  }
}
