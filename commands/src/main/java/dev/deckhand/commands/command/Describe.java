package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /events <service> [--env E]}: the events of the deployment, its ReplicaSets and their
 * pods, newest first. Read-only; needs the grant {@code status:<env>}.
 */
public record Describe(ServiceSpec service, EnvironmentSpec environment, Target target)
    implements Command {
  public Describe {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
  }

  public static final CommandSpec SPEC =
      Resolve.targetCommand(
          "describe",
          "show a service's deployment: conditions, replicas, images with digests, pods",
          "/describe gateway --env prod",
          Describe::new);

  @Override
  public String action() {
    return "status";
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Optional<EnvironmentSpec> scope() {
    return Optional.of(environment);
  }
}
