package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;

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
    implements ReleaseCommand {
  public DeployAll {
    Objects.requireNonNull(tag, "tag");
    waves = ReleaseCommand.checked(environment, waves, breakGlass);
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
            EnvironmentSpec env =
                ReleaseCommand.environment(catalog, args.flag("env"), "deploy-all");
            String text = args.positional(0).orElseThrow();
            TagRequest tag = new TagRequest(text);
            if (text.equals("latest") && env.isProtected()) {
              throw new UsageException(
                  "'latest' is refused in " + env.name() + ": it names no fixed build",
                  "give the exact tag, e.g. /deploy-all <sha> --env " + env.name());
            }
            return new DeployAll(
                env,
                ReleaseCommand.waves(catalog, env),
                tag,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  @Override
  public String action() {
    return "deploy-all";
  }
}
