package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Objects;

/** {@code /pause <service> [--env E]}: sets {@code spec.paused} to true. */
public record Pause(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Pause {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Resolve.breakGlassReason(breakGlass);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "pause",
          List.of("<service>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "pause a deployment's rollouts (a deploy, rollback or restart is refused until /resume)",
          "/pause gateway --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "pause");
            return new Pause(
                service,
                env,
                Resolve.target(service, env),
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "pause";
  }
}
