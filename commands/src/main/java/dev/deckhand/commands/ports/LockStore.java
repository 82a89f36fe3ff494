package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable locks, one per (service, environment). Thread-safe and blocking; {@link #acquire} is
 * atomic across processes sharing the store.
 */
public interface LockStore extends LockHolders {

  /** Takes the lock; returns the current holder instead if someone holds it. */
  Optional<Lock> acquire(Lock lock);

  /** The holder, if any. */
  @Override
  Optional<Lock> holder(String service, String environment);

  /** Releases the lock if the operation holds it (0: a manual lock); true if released. */
  boolean release(String service, String environment, long operationId);

  /**
   * Compare-and-delete: releases the lock only while it is still the holding {@code shown} (as
   * {@link #holder} read it: same owner, operation and {@code since}), never a lock taken or
   * changed since; true if released. Atomic across processes sharing the store.
   */
  boolean releaseIfUnchanged(Lock shown);

  /**
   * Releases the lock whoever holds it; true if there was one. For administration and tests: {@code
   * /unlock} uses {@link #releaseIfUnchanged}, which cannot lift a lock it did not show.
   */
  boolean forceRelease(String service, String environment);

  /** Turns an operation's lock into a manual one that stays until {@code /unlock}. */
  void keep(String service, String environment, long operationId, String reason);

  List<Lock> all();

  /**
   * A lock.
   *
   * @param operationId the operation holding it, 0 for a manual {@code /lock}
   * @param instance the bot process that took it (to recover locks of a dead process)
   */
  record Lock(
      String service,
      String environment,
      Actor owner,
      String reason,
      long operationId,
      String instance,
      Instant since) {}
}
