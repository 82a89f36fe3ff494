package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A command acting on every service of an environment at once, wave by wave ({@code /deploy-all},
 * {@code /rollback-all}): its plan service and target are the first service of the first wave, and
 * it names every service so that all their locks are checked (ADR 0009, releases).
 */
public interface ReleaseCommand extends OperationCommand {
  /** The services of the environment, wave by wave (never empty). */
  List<List<ServiceSpec>> waves();

  /** The first service of the first wave: the release's services are all locked. */
  @Override
  default ServiceSpec service() {
    return waves().get(0).get(0);
  }

  @Override
  default Target target() {
    return service().target(environment().name()).orElseThrow();
  }

  @Override
  default List<ServiceSpec> services() {
    return waves().stream().flatMap(List::stream).toList();
  }

  /**
   * Checks a release command's components, as its compact constructor gets them.
   *
   * @return the waves, copied
   */
  static List<List<ServiceSpec>> checked(
      EnvironmentSpec environment, List<List<ServiceSpec>> waves, String breakGlass) {
    Objects.requireNonNull(environment, "environment");
    Resolve.breakGlassReason(breakGlass);
    List<List<ServiceSpec>> copied = waves.stream().map(List::copyOf).toList();
    if (copied.isEmpty()) {
      throw new IllegalArgumentException("a release needs a service");
    }
    return copied;
  }

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
}
