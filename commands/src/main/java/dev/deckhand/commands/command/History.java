package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.Objects;

/** {@code /history <service> [--env E]}: rollout revisions and the deploy timeline. */
public record History(ServiceSpec service, EnvironmentSpec environment, Target target)
    implements Command {
  public History {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
  }

  public static final CommandSpec SPEC =
      Resolve.targetCommand(
          "history",
          "list rollout revisions with their change-cause, and recent deploys",
          "/history gateway --env staging",
          History::new);

  @Override
  public java.util.Optional<EnvironmentSpec> scope() {
    return java.util.Optional.of(environment);
  }
}
