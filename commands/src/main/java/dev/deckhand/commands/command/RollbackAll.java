package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@code /rollback-all [--env E] [--dry-run]}: every service the last successful {@code
 * /deploy-all} of the environment changed, back to its previous revision, in reverse wave order.
 *
 * @param waves the services of the environment, wave by wave (never empty)
 */
public record RollbackAll(
    EnvironmentSpec environment, List<List<ServiceSpec>> waves, boolean dryRun, String breakGlass)
    implements OperationCommand {
  public RollbackAll {
    Objects.requireNonNull(environment, "environment");
    Resolve.breakGlassReason(breakGlass);
    waves = waves.stream().map(List::copyOf).toList();
    if (waves.isEmpty()) {
      throw new IllegalArgumentException("a release needs a service");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "rollback-all",
          List.of(),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "roll back what the last successful /deploy-all of an environment changed, in reverse"
              + " wave order, with one approval",
          "/rollback-all --env staging",
          (args, catalog) -> {
            EnvironmentSpec env = DeployAll.environment(catalog, args.flag("env"), "rollback-all");
            return new RollbackAll(
                env,
                DeployAll.waves(catalog, env),
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public ServiceSpec service() {
    return waves.get(0).get(0);
  }

  @Override
  public Target target() {
    return service().target(environment.name()).orElseThrow();
  }

  @Override
  public List<ServiceSpec> services() {
    return waves.stream().flatMap(List::stream).toList();
  }

  @Override
  public String action() {
    return "rollback-all";
  }
}
