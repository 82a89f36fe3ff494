package dev.deckhand.commands.ports;

import dev.deckhand.commands.catalog.HealthCheck;

/** Runs one HTTP health check once. Thread-safe, blocking up to the check's timeout. */
public interface HealthProbe {

  /** The outcome: {@code healthy} and a short description of what was seen. */
  record Result(boolean healthy, String detail) {}

  Result check(HealthCheck check);
}
