package dev.deckhand.commands.ports;

import java.util.Optional;

/**
 * Who holds the lock of a (service, environment): the read-only part of {@link LockStore} a kind
 * may use, e.g. to see whether an operation of a service is still running in another environment.
 * Blocking, thread-safe.
 */
@FunctionalInterface
public interface LockHolders {
  /** Reads as if nothing were ever locked. */
  LockHolders NONE = (service, environment) -> Optional.empty();

  /** The current holder of the lock of {@code service} in {@code environment}, if any. */
  Optional<LockStore.Lock> holder(String service, String environment);
}
