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
public record Events(ServiceSpec service, EnvironmentSpec environment, Target target)
    implements Command {
  public Events {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
  }

  public static final CommandSpec SPEC =
      Resolve.targetCommand(
          "events",
          "show the newest Kubernetes events of a service's deployment, ReplicaSets and pods",
          "/events gateway --env staging",
          Events::new);

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
