package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.UsageException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One change at a time per deployment: a second deploy or rollback of a target while one runs is
 * refused, naming who holds it and for what. Held in memory by this process; thread-safe.
 */
public final class TargetLocks {
  private final ConcurrentMap<Target, Claim> held = new ConcurrentHashMap<>();

  /**
   * Claims the target for {@code actor}, or throws {@link UsageException} naming the holder.
   * Release the claim by closing it.
   */
  public Claim claim(Target target, Actor actor, String what, String serviceName, String env) {
    Claim claim = new Claim(target, actor, what);
    Claim existing = held.putIfAbsent(target, claim);
    if (existing != null) {
      throw new UsageException(
          serviceName + " in " + env + " is busy: " + existing.describe(),
          "wait for it to finish; /status " + serviceName + " --env " + env + " shows the rollout");
    }
    return claim;
  }

  /** A held target. Closing releases it; idempotent. */
  public final class Claim implements AutoCloseable {
    private final Target target;
    private final Actor actor;
    private volatile String what;
    private volatile long operationId;
    private volatile boolean handedOver;

    private Claim(Target target, Actor actor, String what) {
      this.target = target;
      this.actor = actor;
      this.what = what;
    }

    /** Names the operation that now holds the target. */
    void heldBy(long id, String summary) {
      this.operationId = id;
      this.what = summary;
    }

    String describe() {
      return (operationId > 0 ? "op " + operationId + " (" + what + ")" : what)
          + " by "
          + actor.displayName()
          + " is running";
    }

    /**
     * Keeps the target claimed until {@code done} completes; {@link #close()} then does nothing.
     */
    void releaseWhen(java.util.concurrent.CompletableFuture<?> done) {
      handedOver = true;
      done.whenComplete((r, e) -> held.remove(target, this));
    }

    @Override
    public void close() {
      if (!handedOver) {
        held.remove(target, this);
      }
    }
  }
}
