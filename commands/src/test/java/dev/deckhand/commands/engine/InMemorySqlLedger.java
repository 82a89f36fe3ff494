package dev.deckhand.commands.engine;

import dev.deckhand.commands.ports.SqlLedger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SQL migration ledger in memory; survives a fixture's restart like the other stores. */
final class InMemorySqlLedger implements SqlLedger {
  private final Map<String, Map<String, Applied>> applied = new LinkedHashMap<>();
  private volatile RuntimeException recordFailure;

  @Override
  public synchronized Map<String, Applied> applied(String database, String environment) {
    return Map.copyOf(applied.getOrDefault(database + "/" + environment, Map.of()));
  }

  @Override
  public synchronized void record(
      String database, String environment, String file, String sha256, long operationId) {
    if (recordFailure != null) {
      throw recordFailure;
    }
    Map<String, Applied> files =
        applied.computeIfAbsent(database + "/" + environment, k -> new LinkedHashMap<>());
    Applied before = files.get(file);
    if (before != null && !before.sha256().equals(sha256)) {
      throw new IllegalStateException(file + " is recorded with another hash");
    }
    if (before == null) {
      files.put(
          file, new Applied(file, sha256, operationId, Instant.parse("2026-05-19T10:00:00Z")));
    }
  }

  void failRecords(RuntimeException e) {
    recordFailure = e;
  }
}
