package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.BundleSpec;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;

/**
 * {@code /apply <bundle> [--env E] [--dry-run] [--break-glass REASON]}: server-side applies a
 * bundle of the catalog's {@code bundles:} (a directory of manifests) into its namespace.
 */
public record Apply(
    BundleSpec bundle, EnvironmentSpec environment, boolean dryRun, String breakGlass)
    implements OperationCommand {
  public Apply {
    Objects.requireNonNull(bundle, "bundle");
    Resolve.operation(bundle.asService(), environment, target(bundle, environment), breakGlass);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "apply",
          List.of("<bundle>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "server-side apply a bundle of manifests (--dry-run shows the diff per object)",
          "/apply coachpilot-edge --env staging --dry-run",
          (args, catalog) -> {
            BundleSpec bundle = bundle(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env =
                Resolve.environment(catalog, bundle.asService(), args.flag("env"), "apply");
            return new Apply(bundle, env, args.has("dry-run"), args.flag("break-glass").orElse(""));
          });

  /** The catalog's bundle named {@code typed}, or a usage error listing them. */
  static BundleSpec bundle(Catalog catalog, String typed) {
    return catalog
        .bundle(typed)
        .orElseThrow(
            () ->
                new UsageException(
                    "there is no bundle '" + typed + "'",
                    catalog.bundles().isEmpty()
                        ? "the catalog declares no bundles: add one under bundles:"
                        : "bundles are: " + String.join(", ", catalog.bundles().keySet())));
  }

  private static Target target(BundleSpec bundle, EnvironmentSpec environment) {
    Objects.requireNonNull(environment, "environment");
    return bundle
        .target(environment.name())
        .orElseThrow(
            () ->
                new UsageException(
                    "bundle " + bundle.name() + " is not applied in " + environment.name(),
                    "it is applied in: " + String.join(", ", bundle.targets().keySet())));
  }

  @Override
  public ServiceSpec service() {
    return bundle.asService();
  }

  @Override
  public Target target() {
    return target(bundle, environment);
  }

  @Override
  public String action() {
    return "apply";
  }
}
