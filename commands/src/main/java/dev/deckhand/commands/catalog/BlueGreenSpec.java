package dev.deckhand.commands.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * A service's {@code blue-green:} section: the Kubernetes Service whose selector the switch moves
 * between colours, and how long the previous colour stays scaled after a switch (so {@code
 * /switch-back} is instant) before {@code /finish} is expected.
 *
 * @param service the name of the Service in the target's namespace
 * @param hold how long the previous colour is kept (30 minutes by default)
 */
public record BlueGreenSpec(String service, Duration hold) {
  public static final Duration DEFAULT_HOLD = Duration.ofMinutes(30);

  public BlueGreenSpec {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(hold, "hold");
    if (service.isBlank()) {
      throw new IllegalArgumentException("a blue-green service needs a Service name");
    }
    if (hold.isNegative()) {
      throw new IllegalArgumentException("a hold cannot be negative");
    }
  }
}
