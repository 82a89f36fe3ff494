package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;

/**
 * {@code /rollback <service> [--env E] [--to-revision N]}: {@code rollout undo} to the previous
 * revision (0) or revision N.
 */
public record Rollback(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    long toRevision,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Rollback {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Resolve.breakGlassReason(breakGlass);
    if (toRevision < 0) {
      throw new UsageException("a revision is a positive number", "see /history for revisions");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "rollback",
          List.of("<service>"),
          List.of(
              Deploy.ENV,
              new Flag("to-revision", "N", "the revision to go back to (see /history)"),
              Deploy.DRY_RUN,
              Deploy.BREAK_GLASS),
          "roll a deployment back to its previous revision, or to revision N",
          "/rollback gateway --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env =
                Resolve.environment(catalog, service, args.flag("env"), "rollback");
            long revision = args.flag("to-revision").map(Rollback::revision).orElse(0L);
            return new Rollback(
                service,
                env,
                Resolve.target(service, env),
                revision,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  private static long revision(String text) {
    try {
      long n = Long.parseLong(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error
    }
    throw new UsageException(
        "'" + text + "' is not a revision number",
        "give a number from /history, e.g. --to-revision 3");
  }

  @Override
  public String action() {
    return "rollback";
  }
}
