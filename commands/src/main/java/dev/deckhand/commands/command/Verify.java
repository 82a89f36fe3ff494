package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /verify <service> [--env E]}: runs the service's health checks there now, as a deploy does
 * after its rollout. Read-only; needs the grant {@code status:<env>}.
 */
public record Verify(ServiceSpec service, EnvironmentSpec environment, Target target)
    implements Command {
  public Verify {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
  }

  public static final CommandSpec SPEC =
      Resolve.targetCommand(
          "verify",
          "run a service's health checks now, as after a deploy",
          "/verify gateway --env prod",
          Verify::new);

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
