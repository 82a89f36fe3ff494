package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Optional;

/** {@code /unlock <service> [--env E]}: lifts a manual lock or the lock left by a rollback. */
public record Unlock(ServiceSpec service, EnvironmentSpec environment) implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "unlock",
          List.of("<service>"),
          List.of(Deploy.ENV),
          "lift a lock (a manual one, or the one a rollback leaves)",
          "/unlock gateway --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            return new Unlock(
                service, Resolve.environment(catalog, service, args.flag("env"), "unlock"));
          });

  @Override
  public String action() {
    return "lock";
  }

  @Override
  public Optional<EnvironmentSpec> scope() {
    return Optional.of(environment);
  }
}
