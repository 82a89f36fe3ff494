package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;

/** {@code /pause <service> [--env E]}: sets {@code spec.paused}. */
public record Pause(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Pause {
    Resolve.operation(service, environment, target, breakGlass);
  }

  public static final CommandSpec SPEC =
      Resolve.serviceCommand(
          "pause",
          "pause a deployment's rollouts (a deploy, rollback or restart is refused until /resume)",
          "/pause gateway --env staging",
          Pause::new);

  @Override
  public String action() {
    return "pause";
  }
}
