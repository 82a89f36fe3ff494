package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;

/**
 * {@code /rollback-all [--env E] [--dry-run]}: every service the last successful {@code
 * /deploy-all} of the environment changed, back to its previous revision, in reverse wave order.
 *
 * @param waves the services of the environment, wave by wave (never empty)
 */
public record RollbackAll(
    EnvironmentSpec environment, List<List<ServiceSpec>> waves, boolean dryRun, String breakGlass)
    implements ReleaseCommand {
  public RollbackAll {
    waves = ReleaseCommand.checked(environment, waves, breakGlass);
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
            EnvironmentSpec env =
                ReleaseCommand.environment(catalog, args.flag("env"), "rollback-all");
            return new RollbackAll(
                env,
                ReleaseCommand.waves(catalog, env),
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "rollback-all";
  }
}
