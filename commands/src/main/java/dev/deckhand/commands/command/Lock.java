package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Optional;

/** {@code /lock <service> [--env E] <reason>}: no deploys until {@code /unlock}. */
public record Lock(ServiceSpec service, EnvironmentSpec environment, String reason)
    implements Command {
  public Lock {
    if (reason.isBlank()) {
      throw new UsageException(
          "a lock needs a reason", "e.g. /lock gateway --env prod \"db migration\"");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "lock",
          List.of("<service>", "<reason>"),
          List.of(Deploy.ENV),
          "stop deploys and rollbacks of a service until /unlock",
          "/lock gateway --env staging \"db migration running\"",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "lock");
            return new Lock(service, env, args.positional(1).orElseThrow());
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
