package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.LockStore;
import java.time.Clock;
import java.util.Optional;

/**
 * One operation at a time per (service, environment), held in the store so that it survives a
 * restart and is shared by replicas. Thread-safe.
 */
public final class ServiceLocks {
  private final LockStore store;
  private final String instance;
  private final Clock clock;

  public ServiceLocks(LockStore store, String instance, Clock clock) {
    this.store = store;
    this.instance = instance;
    this.clock = clock;
  }

  /** Refuses (without taking anything) when someone holds the lock. */
  void refuseIfHeld(String service, String env) {
    store.holder(service, env).ifPresent(h -> refuse(service, env, h));
  }

  /** Takes the lock for an operation; throws the refusal if someone else got it first. */
  void acquire(String service, String env, Actor owner, long operationId, String what) {
    Optional<LockStore.Lock> holder =
        store.acquire(
            new LockStore.Lock(service, env, owner, what, operationId, instance, clock.instant()));
    holder.filter(h -> h.operationId() != operationId).ifPresent(h -> refuse(service, env, h));
  }

  /** Releases the operation's lock, or keeps it as a manual lock when {@code keepReason} is set. */
  void end(String service, String env, long operationId, String keepReason) {
    if (keepReason == null) {
      store.release(service, env, operationId);
    } else {
      store.keep(service, env, operationId, keepReason);
    }
  }

  /** A manual lock ({@code /lock}); refused if held. */
  void lock(String service, String env, Actor owner, String reason) {
    store
        .acquire(new LockStore.Lock(service, env, owner, reason, 0, instance, clock.instant()))
        .ifPresent(h -> refuse(service, env, h));
  }

  /** What {@link #unlock} did. */
  sealed interface Unlocked {
    /** There was no lock. */
    record NotLocked() implements Unlocked {}

    /** The lock shown was lifted. */
    record Lifted(LockStore.Lock was) implements Unlocked {}

    /** The lock changed between reading and lifting it; {@code now} is left alone (if any). */
    record Changed(LockStore.Lock shown, Optional<LockStore.Lock> now) implements Unlocked {}
  }

  /**
   * Lifts the lock it reads, and only that one (compare-and-delete): a lock taken or changed by
   * someone else meanwhile stays. Refused while an operation that runs in this process holds it; a
   * lock left by an operation nothing runs any more (its chat is gone) can be lifted.
   */
  Unlocked unlock(String service, String env, java.util.function.LongPredicate runningHere) {
    Optional<LockStore.Lock> holder = store.holder(service, env);
    if (holder.isEmpty()) {
      return new Unlocked.NotLocked();
    }
    if (holder.get().operationId() > 0 && runningHere.test(holder.get().operationId())) {
      throw new UsageException(
          service + " in " + env + " is held by running op " + holder.get().operationId(),
          "wait for it to end, or /cancel " + holder.get().operationId());
    }
    if (store.releaseIfUnchanged(holder.get())) {
      return new Unlocked.Lifted(holder.get());
    }
    return new Unlocked.Changed(holder.get(), store.holder(service, env));
  }

  /** "locked by Alice: db migration" or "locked by Alice for op 12 (deploy v2)". */
  static String describe(LockStore.Lock h) {
    return h.operationId() > 0
        ? "locked by "
            + h.owner().displayName()
            + " for op "
            + h.operationId()
            + " ("
            + h.reason()
            + ")"
        : "locked by " + h.owner().displayName() + ": " + h.reason();
  }

  private static void refuse(String service, String env, LockStore.Lock h) {
    throw new UsageException(
        service + " in " + env + " is " + describe(h),
        h.operationId() > 0
            ? "wait for op " + h.operationId() + " to end; /status " + service + " --env " + env
            : "/unlock " + service + " --env " + env + " when it is safe to deploy again");
  }
}
