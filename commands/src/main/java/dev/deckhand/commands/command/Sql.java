package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.DatabaseSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.sql.SqlStatements;
import java.util.List;
import java.util.Objects;

/**
 * {@code /sql <database> "<statement>" [--env E]}: runs exactly one SQL statement in a database of
 * the catalog's {@code databases:}, by exec'ing {@code psql -c} in its pod.
 */
public record Sql(
    DatabaseSpec database,
    EnvironmentSpec environment,
    String statement,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public Sql {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(statement, "statement");
    Resolve.operation(database.asService(), environment, target(database, environment), breakGlass);
    List<String> statements = SqlStatements.split(statement);
    if (statements.isEmpty()) {
      throw new UsageException(
          "there is no SQL statement to run",
          "put one statement in quotes, e.g. /sql " + database.name() + " \"SELECT 1\"");
    }
    if (statements.size() > 1) {
      throw new UsageException(
          "/sql runs one statement at a time; this has " + statements.size(),
          "send each statement as its own /sql, or put them in a migration file for"
              + " /sql-migrate");
    }
    statement = statement.strip();
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "sql",
          List.of("<database>", "<statement>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "run one SQL statement in a database by psql in its pod (needs approval in a"
              + " protected environment; quote the statement)",
          "/sql coachpilot \"SELECT count(*) FROM users\" --env staging",
          (args, catalog) -> {
            DatabaseSpec db = database(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env =
                Resolve.environment(catalog, db.asService(), args.flag("env"), "sql");
            return new Sql(
                db,
                env,
                args.positional(1).orElseThrow(),
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  /** The catalog's database named {@code typed}, or a usage error listing them. */
  static DatabaseSpec database(Catalog catalog, String typed) {
    return catalog
        .database(typed)
        .orElseThrow(
            () ->
                new UsageException(
                    "there is no database '" + typed + "'",
                    catalog.databases().isEmpty()
                        ? "the catalog declares no databases: add one under databases:"
                        : "databases are: " + String.join(", ", catalog.databases().keySet())));
  }

  private static Target target(DatabaseSpec database, EnvironmentSpec environment) {
    Objects.requireNonNull(environment, "environment");
    return database
        .location(environment.name())
        .orElseThrow(
            () ->
                new UsageException(
                    "database " + database.name() + " is not in " + environment.name(),
                    "it is in: " + String.join(", ", database.locations().keySet())))
        .target();
  }

  @Override
  public ServiceSpec service() {
    return database.asService();
  }

  @Override
  public Target target() {
    return target(database, environment);
  }

  @Override
  public String action() {
    return "sql";
  }
}
