package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /deploy-all <tag-or-prefix> [--env E] [--dry-run]}: every service of the environment to
 * the same tag (or the one tag starting with a prefix), wave by wave as the catalog's {@code
 * release:} says.
 *
 * @param waves the services of the environment, wave by wave (never empty)
 */
public record DeployAll(
    EnvironmentSpec environment,
    List<List<ServiceSpec>> waves,
    TagRequest tag,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public DeployAll {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(tag, "tag");
    Resolve.breakGlassReason(breakGlass);
    waves = waves.stream().map(List::copyOf).toList();
    if (waves.isEmpty()) {
      throw new IllegalArgumentException("a release needs a service");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "deploy-all",
          List.of("<tag-or-prefix>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "deploy one tag (e.g. a commit SHA) to every service of an environment, wave by wave,"
              + " with one approval; roll back the release on failure",
          "/deploy-all 3f9c2ab --env staging",
          (args, catalog) -> {
            EnvironmentSpec env = environment(catalog, args.flag("env"), "deploy-all");
            String text = args.positional(0).orElseThrow();
            TagRequest tag = new TagRequest(text);
            if (text.equals("latest") && env.isProtected()) {
              throw new UsageException(
                  "'latest' is refused in " + env.name() + ": it names no fixed build",
                  "give the exact tag, e.g. /deploy-all <sha> --env " + env.name());
            }
            return new DeployAll(
                env,
                waves(catalog, env),
                tag,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  /** The environment of a release command: named, or the default; a protected one named. */
  static EnvironmentSpec environment(Catalog catalog, Optional<String> typed, String command) {
    EnvironmentSpec env = Resolve.environment(catalog, typed);
    if (typed.isEmpty() && env.isProtected()) {
      throw new UsageException(
          env.name() + " is protected and must be named explicitly",
          "add --env " + env.name() + " to /" + command);
    }
    return env;
  }

  /** The release's waves in {@code env}; refused when no service runs there. */
  static List<List<ServiceSpec>> waves(Catalog catalog, EnvironmentSpec env) {
    List<List<ServiceSpec>> waves = catalog.release().waves(catalog, env.name());
    if (waves.isEmpty()) {
      throw new UsageException(
          "no service runs in " + env.name(),
          "environments are: " + String.join(", ", catalog.environments().keySet()));
    }
    return waves;
  }

  /** The first service of the first wave: the release's services are all locked, see below. */
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
    return "deploy-all";
  }
}
