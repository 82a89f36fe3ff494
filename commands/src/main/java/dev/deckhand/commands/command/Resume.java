package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Objects;

/** {@code /resume <service> [--env E]}: sets {@code spec.paused} to false. */
public record Resume(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Resume {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Resolve.breakGlassReason(breakGlass);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "resume",
          List.of("<service>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "resume a paused deployment's rollouts and watch the rollout it was holding back",
          "/resume gateway --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "resume");
            return new Resume(
                service,
                env,
                Resolve.target(service, env),
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "resume";
  }
}
