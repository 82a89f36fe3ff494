package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;

/** {@code /switch-back <service> [--env E]}: the Service's selector back to the previous colour. */
public record SwitchBack(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public SwitchBack {
    Resolve.operation(service, environment, target, breakGlass);
    BlueGreenDeploy.spec(service);
  }

  public static final CommandSpec SPEC =
      Resolve.serviceCommand(
          "switch-back",
          "after a blue-green deploy: send the traffic back to the previous colour, at once",
          "/switch-back gateway --env staging",
          SwitchBack::new);

  @Override
  public String action() {
    return "switch-back";
  }
}
