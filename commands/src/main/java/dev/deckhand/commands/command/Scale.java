package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;

/**
 * {@code /scale <service> <replicas> [--env E]}: sets the replica count, within the catalog's
 * {@code replicas: {min, max}} for the service.
 */
public record Scale(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    int replicas,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Scale {
    Resolve.operation(service, environment, target, breakGlass);
    service.replicas().require(service.name(), replicas);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "scale",
          List.of("<service>", "<replicas>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "set a deployment's replica count within the catalog's bounds (0 needs approval in a"
              + " protected environment)",
          "/scale gateway 3 --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            int replicas = count(args.positional(1).orElseThrow());
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "scale");
            return new Scale(
                service,
                env,
                Resolve.target(service, env),
                replicas,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  private static int count(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new UsageException(
        "'" + text + "' is not a replica count", "give a whole number, e.g. /scale gateway 3");
  }

  @Override
  public String action() {
    return "scale";
  }
}
