package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;

/**
 * {@code /finish <service> [--env E]}: after a blue-green deploy, scales the colour that no longer
 * receives traffic to zero (no {@code /switch-back} after it).
 */
public record Finish(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Finish {
    Resolve.operation(service, environment, target, breakGlass);
    BlueGreenDeploy.spec(service);
  }

  public static final CommandSpec SPEC =
      Resolve.serviceCommand(
          "finish",
          "after a blue-green deploy: scale the previous colour to zero (ends the switch-back hold)",
          "/finish gateway --env staging",
          Finish::new);

  @Override
  public String action() {
    return "finish";
  }
}
