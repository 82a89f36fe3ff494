package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Optional;

/** {@code /unfreeze <env>}: lifts an ad hoc freeze (configured windows stay). */
public record Unfreeze(EnvironmentSpec environment) implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "unfreeze",
          List.of("<env>"),
          List.of(),
          "lift an ad hoc freeze of an environment",
          "/unfreeze prod",
          (args, catalog) -> new Unfreeze(Resolve.environment(catalog, args.positional(0))));

  @Override
  public String action() {
    return "freeze";
  }

  @Override
  public Optional<EnvironmentSpec> scope() {
    return Optional.of(environment);
  }
}
