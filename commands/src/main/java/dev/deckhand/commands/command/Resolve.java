package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Looks up what a command names in the catalog, with errors that say what to type. */
final class Resolve {
  private Resolve() {}

  static ServiceSpec service(Catalog catalog, String typed) {
    return catalog
        .service(typed)
        .orElseThrow(
            () -> {
              List<String> close = catalog.suggestServices(typed);
              String hint =
                  close.isEmpty()
                      ? "services are: " + String.join(", ", catalog.serviceNames())
                      : "did you mean " + String.join(" or ", close) + "?";
              return new UsageException("there is no service '" + typed + "'", hint);
            });
  }

  static EnvironmentSpec environment(Catalog catalog, Optional<String> typed) {
    if (typed.isPresent()) {
      return catalog
          .environment(typed.get())
          .orElseThrow(
              () ->
                  new UsageException(
                      "there is no environment '" + typed.get() + "'",
                      "environments are: " + String.join(", ", catalog.environments().keySet())));
    }
    if (catalog.defaultEnvironment() == null) {
      throw new UsageException(
          "no environment given and the catalog has no default",
          "add --env " + String.join(" or --env ", catalog.environments().keySet()));
    }
    return catalog.environments().get(catalog.defaultEnvironment());
  }

  /**
   * The environment a service command acts on: the one named; else the service's only environment;
   * else the catalog's default. A protected environment must always be named.
   */
  static EnvironmentSpec environment(
      Catalog catalog, ServiceSpec service, Optional<String> typed, String command) {
    List<EnvironmentSpec> envs = catalog.environmentsOf(service);
    String choices = String.join(" or ", envs.stream().map(e -> "--env " + e.name()).toList());
    EnvironmentSpec env;
    if (typed.isPresent()) {
      env = environment(catalog, typed);
      if (service.target(env.name()).isEmpty()) {
        throw new UsageException(
            service.name() + " does not run in " + env.name(), "use " + choices);
      }
      return env;
    }
    if (envs.size() == 1) {
      env = envs.get(0);
    } else {
      env =
          envs.stream()
              .filter(e -> e.name().equals(catalog.defaultEnvironment()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UsageException(
                          service.name() + " runs in several environments; say which",
                          "add " + choices));
    }
    if (env.isProtected()) {
      throw new UsageException(
          env.name() + " is protected and must be named explicitly",
          "add --env " + env.name() + " to /" + command);
    }
    return env;
  }

  static Target target(ServiceSpec service, EnvironmentSpec env) {
    return service.target(env.name()).orElseThrow();
  }

  /** Builds the command of a kind that names only a service. */
  @FunctionalInterface
  interface ServiceCommand {
    Command of(
        ServiceSpec service,
        EnvironmentSpec environment,
        Target target,
        boolean dryRun,
        String breakGlass);
  }

  /**
   * The grammar of a kind that names only a service: {@code /<word> <service> [--env E] [--dry-run]
   * [--break-glass REASON]}.
   */
  static dev.deckhand.commands.parse.CommandSpec serviceCommand(
      String word, String summary, String example, ServiceCommand make) {
    return new dev.deckhand.commands.parse.CommandSpec(
        word,
        List.of("<service>"),
        List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
        summary,
        example,
        (args, catalog) -> {
          ServiceSpec service = service(catalog, args.positional(0).orElseThrow());
          EnvironmentSpec env = environment(catalog, service, args.flag("env"), word);
          return make.of(
              service,
              env,
              target(service, env),
              args.has("dry-run"),
              args.flag("break-glass").orElse(""));
        });
  }

  /** Makes a read-only command of a service's target in one environment. */
  interface TargetCommand {
    Command of(ServiceSpec service, EnvironmentSpec environment, Target target);
  }

  /**
   * The grammar of a read-only command that names a service: {@code /<word> <service> [--env E]}.
   */
  static dev.deckhand.commands.parse.CommandSpec targetCommand(
      String word, String summary, String example, TargetCommand make) {
    return new dev.deckhand.commands.parse.CommandSpec(
        word,
        List.of("<service>"),
        List.of(Deploy.ENV),
        summary,
        example,
        (args, catalog) -> {
          ServiceSpec service = service(catalog, args.positional(0).orElseThrow());
          EnvironmentSpec env = environment(catalog, service, args.flag("env"), word);
          return make.of(service, env, target(service, env));
        });
  }

  /** What every operation command checks of itself. */
  static void operation(
      ServiceSpec service, EnvironmentSpec environment, Target target, String breakGlass) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    breakGlassReason(breakGlass);
  }

  /** A break-glass reason is empty (none) or says something. */
  static void breakGlassReason(String reason) {
    Objects.requireNonNull(reason, "breakGlass");
    if (!reason.isEmpty() && reason.isBlank()) {
      throw new UsageException(
          "--break-glass needs a reason", "e.g. --break-glass \"checkout is down, hotfix\"");
    }
  }
}
