package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code /status [service] [--env E]}: image, replicas and conditions. Read-only. */
public record Status(Optional<ServiceSpec> service, EnvironmentSpec environment)
    implements Command {
  public Status {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "status",
          List.of("[service]"),
          List.of(Deploy.ENV),
          "show image, replicas and rollout state of one service or of every service",
          "/status gateway --env prod",
          (args, catalog) -> {
            Optional<ServiceSpec> service =
                args.positional(0).map(name -> Resolve.service(catalog, name));
            EnvironmentSpec env =
                service.isPresent()
                    ? Resolve.environment(catalog, service.get(), args.flag("env"), "status")
                    : Resolve.environment(catalog, args.flag("env"));
            return new Status(service, env);
          });

  @Override
  public java.util.Optional<EnvironmentSpec> scope() {
    return java.util.Optional.of(environment);
  }
}
