package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.DatabaseSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.SqlMigration;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;

/**
 * {@code /sql-migrate <service> [--env E] [--dry-run]}: applies the service's SQL migration files
 * ({@code migrate: { sql: { database, dir } }}) that were not applied yet, in name order, by
 * exec'ing {@code psql} in the database's pod with each file on stdin.
 *
 * @param service the service whose files these are
 * @param database the database they go into
 * @param target where the database runs in this environment (what is locked is the service)
 */
public record SqlMigrate(
    ServiceSpec service,
    DatabaseSpec database,
    EnvironmentSpec environment,
    Target target,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public SqlMigrate {
    Objects.requireNonNull(database, "database");
    Resolve.operation(service, environment, target, breakGlass);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "sql-migrate",
          List.of("<service>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "apply a service's SQL migration files not applied yet, in name order, by psql in the"
              + " database's pod (--dry-run lists them)",
          "/sql-migrate gateway --env staging --dry-run",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            SqlMigration migration =
                service
                    .sql()
                    .orElseThrow(
                        () ->
                            new UsageException(
                                service.name() + " has no SQL migrations",
                                "declare migrate: { sql: { database: <db>, dir: <path> } } for it"
                                    + " in the catalog"));
            DatabaseSpec db = Sql.database(catalog, migration.database());
            EnvironmentSpec env =
                Resolve.environment(catalog, service, args.flag("env"), "sql-migrate");
            Target target =
                db.location(env.name())
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "database " + db.name() + " is not in " + env.name(),
                                "it is in: " + String.join(", ", db.locations().keySet())))
                    .target();
            return new SqlMigrate(
                service, db, env, target, args.has("dry-run"), args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "sql-migrate";
  }
}
