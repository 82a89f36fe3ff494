package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;

/** {@code /restart <service> [--env E]}: a rolling restart, as {@code kubectl rollout restart}. */
public record Restart(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Restart {
    Resolve.operation(service, environment, target, breakGlass);
  }

  public static final CommandSpec SPEC =
      Resolve.serviceCommand(
          "restart",
          "rolling restart of a deployment's pods (after a config change), watched like a deploy",
          "/restart gateway --env staging",
          Restart::new);

  @Override
  public String action() {
    return "restart";
  }
}
