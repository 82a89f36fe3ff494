package dev.deckhand.commands.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps the deliveries (invocations, reactions) accepted before the engine has resumed what a
 * previous run left unfinished, in memory and in the order they came, and hands them on once it
 * has: a ✅ on an approval request that the resume has not yet re-attached would otherwise be
 * counted against nothing, and lost. Nothing held has been marked delivered yet, so a held delivery
 * that a platform repeats later is still run once. Bounded; thread-safe; never blocks (adapters
 * call it on their event threads and ack at once).
 */
final class StartupHold {
  /** A delivery: {@code task} runs it; {@code refused} tells its sender it could not be taken. */
  record Held(Runnable task, Runnable refused) {}

  private final int capacity;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private boolean released;

  /**
   * @param capacity how many deliveries may wait for the resume; beyond it they are refused
   */
  StartupHold(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a start-up hold needs room for at least one delivery");
    }
    this.capacity = capacity;
  }

  /**
   * Hands {@code delivery} to {@code pass} once released; holds it before.
   *
   * @param pass queues a delivery for running; false when it cannot (the executor is full)
   * @return false when the delivery was refused (the hold or the executor is full)
   */
  synchronized boolean offer(Held delivery, Predicate<Runnable> pass) {
    if (released) {
      return pass.test(delivery.task());
    }
    if (held.size() >= capacity) {
      return false;
    }
    held.addLast(delivery);
    return true;
  }

  /**
   * From now on deliveries pass at once; those held pass first, in the order they came. A held one
   * that {@code pass} cannot take is refused to its sender (after the others have passed, outside
   * the hold's lock: telling a sender may block on the chat). Idempotent.
   *
   * @return how many were held
   */
  int release(Predicate<Runnable> pass) {
    List<Held> refused = new ArrayList<>();
    int n;
    synchronized (this) {
      if (released) {
        return 0;
      }
      // Under the lock: a delivery offered meanwhile waits, so that it cannot overtake held ones.
      n = held.size();
      released = true;
      // Each leaves the hold only once passed on, so that it is always counted somewhere.
      for (Held h; (h = held.peekFirst()) != null; held.pollFirst()) {
        if (!pass.test(h.task())) {
          refused.add(h);
        }
      }
    }
    refused.forEach(h -> h.refused().run());
    return n;
  }

  /** How many deliveries wait for the resume now. */
  synchronized int size() {
    return held.size();
  }
}
