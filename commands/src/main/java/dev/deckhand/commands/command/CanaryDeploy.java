package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.UsageException;
import java.util.Objects;

/**
 * {@code /deploy <service> <tag> --strategy canary} (or a {@code /deploy} of a service whose
 * catalog entry says {@code strategy: canary}): the new image on a canary copy that gets a rising
 * share of the traffic, judged by the metric gates at each step, then promoted. Built by {@link
 * Deploy#SPEC}'s grammar; needs the {@code deploy} grant like any deploy.
 *
 * @param strategyTyped whether {@code --strategy canary} was typed (else the catalog's chose)
 */
public record CanaryDeploy(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    TagRequest tag,
    boolean dryRun,
    String breakGlass,
    boolean strategyTyped)
    implements OperationCommand {
  public CanaryDeploy {
    Resolve.operation(service, environment, target, breakGlass);
    Objects.requireNonNull(tag, "tag");
    spec(service);
  }

  /** The service's {@code canary:} section; refuses a service without one. */
  public static CanarySpec spec(ServiceSpec service) {
    return service
        .canarySpec()
        .orElseThrow(
            () ->
                new UsageException(
                    service.name() + " has no canary section in the catalog",
                    "add `canary: { service: <its Kubernetes Service> }` to "
                        + service.name()
                        + " or deploy with --strategy rolling"));
  }

  @Override
  public String action() {
    return "deploy";
  }
}
