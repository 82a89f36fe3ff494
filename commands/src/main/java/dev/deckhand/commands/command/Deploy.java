package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import java.util.List;
import java.util.Objects;

/**
 * {@code /deploy <service> <tag-or-prefix> [--env E] [--dry-run] [--strategy S]}: a rolling update
 * (a blue-green deploy is a {@link BlueGreenDeploy}, built by the same grammar).
 *
 * @param strategyTyped whether {@code --strategy} was typed (else the catalog's strategy chose)
 */
public record Deploy(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    TagRequest tag,
    boolean dryRun,
    String breakGlass,
    boolean strategyTyped)
    implements OperationCommand {
  public Deploy {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Resolve.breakGlassReason(breakGlass);
    Objects.requireNonNull(tag, "tag");
  }

  static final Flag ENV = new Flag("env", "E", "the environment (required for protected ones)");
  static final Flag DRY_RUN = new Flag("dry-run", null, "print the plan and change nothing");
  static final Flag BREAK_GLASS =
      new Flag(
          "break-glass",
          "REASON",
          "skip a freeze and the approval (roles with the break-glass grant only; announced)");

  static final Flag STRATEGY =
      new Flag(
          "strategy",
          "rolling|blue-green|canary",
          "how to change it this time (the service's catalog strategy by default)");

  public static final CommandSpec SPEC =
      new CommandSpec(
          "deploy",
          List.of("<service>", "<tag-or-prefix>"),
          List.of(ENV, DRY_RUN, BREAK_GLASS, STRATEGY),
          "roll out an image tag (or the one tag starting with a prefix), verify, roll back on"
              + " failure",
          "/deploy gateway p10e-mmc-20260519 --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "deploy");
            TagRequest tag = TagRequest.of(args.positional(1).orElseThrow(), service, env);
            Strategy strategy = strategy(service, args.flag("strategy"));
            boolean typed = args.flag("strategy").isPresent();
            if (strategy == Strategy.CANARY) {
              return new CanaryDeploy(
                  service,
                  env,
                  Resolve.target(service, env),
                  tag,
                  args.has("dry-run"),
                  args.flag("break-glass").orElse(""),
                  typed);
            }
            if (strategy == Strategy.BLUE_GREEN) {
              return new BlueGreenDeploy(
                  service,
                  env,
                  Resolve.target(service, env),
                  tag,
                  args.has("dry-run"),
                  args.flag("break-glass").orElse(""),
                  typed);
            }
            return new Deploy(
                service,
                env,
                Resolve.target(service, env),
                tag,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""),
                typed);
          });

  /** The strategy typed after {@code --strategy}, else the service's. */
  private static Strategy strategy(ServiceSpec service, java.util.Optional<String> typed) {
    if (typed.isEmpty()) {
      return service.strategy();
    }
    return Strategy.of(typed.get())
        .orElseThrow(
            () ->
                new dev.deckhand.commands.parse.UsageException(
                    "unknown strategy " + typed.get(),
                    "write --strategy rolling, --strategy blue-green or --strategy canary"));
  }

  @Override
  public String action() {
    return "deploy";
  }
}
