package dev.deckhand.bot.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} ids seen, to drop a duplicate interaction before acknowledging it a
 * second time (which Discord would refuse with an error that counts towards the ban threshold).
 * Only a guard in front of the dispatcher's durable dedupe, not a replacement. Thread-safe.
 */
final class RecentIds {
  private final Map<String, Boolean> seen;

  RecentIds(int capacity) {
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time the id is seen (within the last {@code capacity}). */
  synchronized boolean firstTime(String id) {
    return seen.put(id, Boolean.TRUE) == null;
  }
}
