package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Suggestions;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;

/**
 * {@code /secret-update <service> <key> [--env E]}: sets one key of the service's Secret to the
 * value its catalog reference holds now (never a value typed in chat), then restarts the
 * deployment.
 *
 * @param key one of the service's {@code secret-keys}
 */
public record SecretUpdate(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    String key,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  public SecretUpdate {
    Resolve.operation(service, environment, target, breakGlass);
    source(service, key);
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "secret-update",
          List.of("<service>", "<key>"),
          List.of(Deploy.ENV, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "set one key of a service's Secret from its configured source (never from chat), then"
              + " restart it",
          "/secret-update gateway API_TOKEN --env staging",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            String key = args.positional(1).orElseThrow();
            source(service, key);
            EnvironmentSpec env =
                Resolve.environment(catalog, service, args.flag("env"), "secret-update");
            return new SecretUpdate(
                service,
                env,
                Resolve.target(service, env),
                key,
                args.has("dry-run"),
                args.flag("break-glass").orElse(""));
          });

  /** Where the key's new value comes from. */
  public ServiceConfig.Source<String> source() {
    return source(service, key);
  }

  private static ServiceConfig.Source<String> source(ServiceSpec service, String key) {
    ServiceConfig config = service.config();
    if (config.secret().isEmpty()) {
      throw new UsageException(
          service.name() + " has no Secret in the catalog",
          "declare one: secret: NAME and secret-keys: { KEY: \"env:VARIABLE\" } under services."
              + service.name());
    }
    ServiceConfig.Source<String> source = config.secretKeys().get(key);
    if (source == null) {
      List<String> keys = List.copyOf(config.secretKeys().keySet());
      List<String> close = Suggestions.closest(key, keys, 1);
      throw new UsageException(
          "'" + key + "' is not a secret key of " + service.name(),
          close.isEmpty()
              ? "its keys are: " + String.join(", ", keys)
              : "did you mean " + close.get(0) + "? Its keys are: " + String.join(", ", keys));
    }
    return source;
  }

  @Override
  public String action() {
    return "secret-update";
  }
}
