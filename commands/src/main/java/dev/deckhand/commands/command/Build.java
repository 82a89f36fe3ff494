package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.BuildSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code /build <service> <git-ref> [--env E] [--dry-run]}: builds the service's image from a ref
 * of its configured repository and pushes it under the tag its pattern gives. The environment only
 * scopes the grant ({@code build:<env>}) and the approval policy: no environment changes, so no
 * lock or freeze applies.
 *
 * @param ref the branch, tag or commit asked for
 */
public record Build(
    ServiceSpec service, EnvironmentSpec environment, Target target, String ref, boolean dryRun)
    implements OperationCommand {
  /** What a git ref may look like here: no spaces, no option, no {@code ..}. */
  static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

  public Build {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(ref, "ref");
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "build",
          List.of("<service>", "<git-ref>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN),
          "build the service's image from a git ref of its repository and push it under its tag"
              + " pattern; the digest is checked for the platform asked for",
          "/build gateway main",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            BuildSpec spec =
                service
                    .buildSpec()
                    .orElseThrow(
                        () ->
                            new UsageException(
                                service.name() + " has no build: in the catalog",
                                "add build: {repository: <path of its git repository>} to it, or"
                                    + " push its image from CI and /deploy the tag"));
            String ref = args.positional(1).orElseThrow();
            if (!REF.matcher(ref).matches() || ref.contains("..")) {
              throw new UsageException(
                  "'" + ref + "' is not a git ref",
                  "give a branch, a tag or a commit of "
                      + spec.repository().getFileName()
                      + ", e.g. /build "
                      + service.name()
                      + " main");
            }
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "build");
            return new Build(service, env, Resolve.target(service, env), ref, args.has("dry-run"));
          });

  /** A build changes nothing in an environment: there is no freeze or lock to break. */
  @Override
  public String breakGlass() {
    return "";
  }

  /** A build changes no service: it waits for no lock and no freeze. */
  @Override
  public List<ServiceSpec> services() {
    return List.of();
  }

  @Override
  public String action() {
    return "build";
  }
}
