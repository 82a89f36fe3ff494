package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Objects;

/** {@code /restart <service> [--env E]}: a rolling restart, as {@code kubectl rollout restart}. */
public record Restart(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Restart {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Resolve.breakGlassReason(breakGlass);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "restart",
          List.of("<service>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "rolling restart of a deployment's pods (after a config change), watched like a deploy",
          "/restart gateway --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env =
                Resolve.environment(catalog, service, args.flag("env"), "restart");
            return new Restart(
                service,
                env,
                Resolve.target(service, env),
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "restart";
  }
}
