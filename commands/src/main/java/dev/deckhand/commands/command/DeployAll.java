package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ReleaseFiles;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.Args;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /deploy-all <tag-or-prefix> [--env E] [--dry-run]}: every service of the environment to
 * the same tag (or the one tag starting with a prefix), wave by wave as the catalog's {@code
 * release:} says; or {@code /deploy-all --release <name>}: the services a release file names, each
 * to its own tag, in the same waves.
 *
 * @param waves the services the release moves, wave by wave (never empty)
 * @param tags each of those services' tag or prefix, by service name
 * @param asked what was asked, for titles: the tag, or {@code release <name>}
 */
public record DeployAll(
    EnvironmentSpec environment,
    List<List<ServiceSpec>> waves,
    Map<String, TagRequest> tags,
    String asked,
    boolean dryRun,
    String breakGlass)
    implements ReleaseCommand {
  public DeployAll {
    Objects.requireNonNull(asked, "asked");
    waves = ReleaseCommand.checked(environment, waves, breakGlass);
    tags = Map.copyOf(tags);
    for (List<ServiceSpec> wave : waves) {
      for (ServiceSpec s : wave) {
        if (!tags.containsKey(s.name())) {
          throw new IllegalArgumentException("no tag for " + s.name());
        }
      }
    }
  }

  static final Flag RELEASE =
      new Flag(
          "release",
          "NAME",
          "deploy the tag of each service a release file names (release.files in the catalog)");

  public static final CommandSpec SPEC =
      new CommandSpec(
          "deploy-all",
          List.of("[tag-or-prefix]"),
          List.of(Deploy.ENV, RELEASE, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "deploy one tag (e.g. a commit SHA), or a release file's tags, to every service of an"
              + " environment, wave by wave, with one approval; roll back the release on failure",
          "/deploy-all 3f9c2ab --env staging",
          (args, catalog) -> {
            EnvironmentSpec env =
                ReleaseCommand.environment(catalog, args.flag("env"), "deploy-all");
            List<List<ServiceSpec>> waves = ReleaseCommand.waves(catalog, env);
            Optional<String> release = args.flag("release");
            Optional<String> tag = args.positional(0);
            if (release.isPresent() == tag.isPresent()) {
              throw new UsageException(
                  release.isPresent()
                      ? "give a tag or --release, not both"
                      : "/deploy-all is missing <tag-or-prefix>",
                  "/deploy-all <tag-or-prefix> --env "
                      + env.name()
                      + " or /deploy-all --release <name> --env "
                      + env.name());
            }
            return release.isPresent()
                ? fromFile(args, catalog, env, waves, release.get())
                : oneTag(args, env, waves, tag.get());
          });

  /** The same tag (or prefix) for every service. */
  private static DeployAll oneTag(
      Args args, EnvironmentSpec env, List<List<ServiceSpec>> waves, String text) {
    TagRequest tag = new TagRequest(text);
    if (text.equals("latest") && env.isProtected()) {
      throw new UsageException(
          "'latest' is refused in " + env.name() + ": it names no fixed build",
          "give the exact tag, e.g. /deploy-all <sha> --env " + env.name());
    }
    Map<String, TagRequest> tags = new LinkedHashMap<>();
    waves.forEach(w -> w.forEach(s -> tags.put(s.name(), tag)));
    return new DeployAll(
        env, waves, tags, text, args.has("dry-run"), args.flag("break-glass").orElse(""));
  }

  /**
   * The services of release file {@code name} that run in the environment, in the catalog's waves,
   * each with its tag checked as {@code /deploy} checks it; a service the file names that is not in
   * the catalog or does not run there refuses the release.
   */
  private static DeployAll fromFile(
      Args args, Catalog catalog, EnvironmentSpec env, List<List<ServiceSpec>> waves, String name) {
    ReleaseFiles files = catalog.release().files();
    if (!ReleaseFiles.NAME.matcher(name).matches()) {
      throw new UsageException(
          "'" + name + "' is not a release name",
          "give the name of a file in the release files directory, without .yaml: letters,"
              + " digits, '.', '_' or '-'");
    }
    Map<String, String> listed = files.read(name);
    String where = files.describe(name);
    if (listed.isEmpty()) {
      throw new UsageException(
          where + " names no service", "write one line per service, e.g. gateway: <tag>");
    }
    Map<String, TagRequest> tags = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : listed.entrySet()) {
      ServiceSpec service =
          catalog
              .service(e.getKey())
              .orElseThrow(
                  () ->
                      new UsageException(
                          where + " names '" + e.getKey() + "', which is not in the catalog",
                          "services are: " + String.join(", ", catalog.services().keySet())));
      if (service.target(env.name()).isEmpty()) {
        throw new UsageException(
            where + " names " + service.name() + ", which does not run in " + env.name(),
            "remove it from the file, or release to an environment where it runs");
      }
      if (tags.containsKey(service.name())) {
        throw new UsageException(
            where + " names " + service.name() + " twice (once by an alias)",
            "keep one line for " + service.name());
      }
      tags.put(service.name(), TagRequest.of(e.getValue(), service, env));
    }
    List<List<ServiceSpec>> moved = new ArrayList<>();
    for (List<ServiceSpec> wave : waves) {
      List<ServiceSpec> here = wave.stream().filter(s -> tags.containsKey(s.name())).toList();
      if (!here.isEmpty()) {
        moved.add(here);
      }
    }
    return new DeployAll(
        env,
        moved,
        tags,
        "release " + name,
        args.has("dry-run"),
        args.flag("break-glass").orElse(""));
  }

  /** The tag (or prefix) asked for {@code service}. */
  public TagRequest tagFor(ServiceSpec service) {
    TagRequest tag = tags.get(service.name());
    if (tag == null) {
      throw new IllegalArgumentException(service.name() + " is not in this release");
    }
    return tag;
  }

  /** Whether every service gets the same tag (not a release file). */
  public boolean oneTag() {
    return !asked.startsWith("release ");
  }

  @Override
  public String action() {
    return "deploy-all";
  }
}
