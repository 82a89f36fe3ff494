package dev.deckhand.commands.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recent idempotency keys so that a delivery seen twice (a platform retry, a replay after
 * reconnect) runs once. Bounded; thread-safe.
 */
public final class Deduplicator implements dev.deckhand.commands.ports.DeliveryLog {
  private final Map<String, Boolean> seen;

  public Deduplicator(int capacity) {
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time a key is seen, false for every repeat. */
  @Override
  public synchronized boolean firstTime(String key) {
    return seen.putIfAbsent(key, Boolean.TRUE) == null;
  }
}
