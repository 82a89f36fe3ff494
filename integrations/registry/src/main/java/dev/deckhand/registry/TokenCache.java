package dev.deckhand.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer tokens per (registry, scope), each kept until its {@code expires_in} runs out (less a
 * safety margin of a tenth of its lifetime, at most 5 s, so a token is not used at the edge).
 * Thread-safe.
 */
final class TokenCache {
  private static final Duration MAX_MARGIN = Duration.ofSeconds(5);

  private final Clock clock;
  private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  Optional<String> get(String registry, String scope) {
    Key key = new Key(registry, scope);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expiresAt())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.token());
  }

  void put(String registry, String scope, String token, Duration lifetime) {
    Duration tenth = lifetime.dividedBy(10);
    Duration margin = tenth.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : tenth;
    entries.put(
        new Key(registry, scope), new Entry(token, clock.instant().plus(lifetime).minus(margin)));
  }

  private record Key(String registry, String scope) {}

  private record Entry(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Entry[token=***, expiresAt=" + expiresAt + "]";
    }
  }
}
