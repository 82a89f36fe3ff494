package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;

/**
 * {@code /migrate <service> <tag-or-prefix> [--env E] [--dry-run]}: runs the service's migration
 * Job with that image alone, without rolling the service (the schema first, the code later).
 */
public record Migrate(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    TagRequest tag,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Migrate {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tag, "tag");
    Resolve.breakGlassReason(breakGlass);
    if (service.migrationJob().isEmpty()) {
      throw new UsageException(
          service.name() + " declares no migration",
          "add migrate: {job: {command: [...]}} to it in the catalog, or /deploy it");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "migrate",
          List.of("<service>", "<tag-or-prefix>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "run the service's migration Job with an image tag, without rolling the service",
          "/migrate api 3f9c2e1 --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env =
                Resolve.environment(catalog, service, args.flag("env"), "migrate");
            TagRequest tag = TagRequest.of(args.positional(1).orElseThrow(), service, env);
            return new Migrate(
                service,
                env,
                Resolve.target(service, env),
                tag,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "migrate";
  }
}
