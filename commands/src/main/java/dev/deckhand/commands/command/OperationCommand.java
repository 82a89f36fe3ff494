package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import java.util.Optional;

/**
 * A command that starts an operation on one service in one environment: what every operation kind
 * needs from its command to check policy (grant, channel, lock, freeze, break-glass) before its own
 * planning. A new kind's command implements this, and needs no change to {@link Command}.
 */
public non-sealed interface OperationCommand extends Command {
  ServiceSpec service();

  EnvironmentSpec environment();

  Target target();

  /**
   * Every service the operation acts on, whose locks must be free before it plans: {@link
   * #service()} alone by default; a command acting on several (a release) names them all.
   */
  default java.util.List<ServiceSpec> services() {
    return java.util.List.of(service());
  }

  /** Show the plan and change nothing. */
  boolean dryRun();

  /** The break-glass reason, empty when none. */
  String breakGlass();

  @Override
  default Optional<EnvironmentSpec> scope() {
    return Optional.of(environment());
  }
}
