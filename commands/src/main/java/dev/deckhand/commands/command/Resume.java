package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;

/** {@code /resume <service> [--env E]}: clears {@code spec.paused}. */
public record Resume(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Resume {
    Resolve.operation(service, environment, target, breakGlass);
  }

  public static final CommandSpec SPEC =
      Resolve.serviceCommand(
          "resume",
          "resume a paused deployment's rollouts and watch the rollout it was holding back",
          "/resume gateway --env staging",
          Resume::new);

  @Override
  public String action() {
    return "resume";
  }
}
