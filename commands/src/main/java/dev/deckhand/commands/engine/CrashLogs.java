package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log of the last container that made a rollout fail, per target, kept when the failure was
 * seen: an automatic rollback scales the failing ReplicaSet down, its pods are deleted, and with
 * them every instance {@code kubectl logs --previous} could have read. {@code /logs --previous}
 * answers from here when the cluster has no previous instance left. Kept in memory for the newest
 * {@link #TARGETS} targets, until the bot restarts. Thread-safe.
 */
final class CrashLogs {
  /** Lines kept of a failed container's log. */
  static final int LINES = 200;

  /** Targets whose last crash is kept; the least recently failed is forgotten first. */
  static final int TARGETS = 64;

  /**
   * @param pod the failing pod
   * @param container the container whose log this is
   * @param reason what the pod showed ({@code CrashLoopBackOff})
   * @param operationId the operation whose rollout it failed
   * @param at when Deckhand read it
   * @param lines its last lines, oldest first
   */
  record Kept(
      String pod,
      String container,
      String reason,
      long operationId,
      Instant at,
      List<String> lines) {
    Kept {
      lines = List.copyOf(lines);
    }
  }

  private final Map<Target, Kept> kept =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Target, Kept> eldest) {
          return size() > TARGETS;
        }
      };

  synchronized void keep(Target target, Kept log) {
    kept.remove(target);
    kept.put(target, log);
  }

  synchronized Optional<Kept> latest(Target target) {
    return Optional.ofNullable(kept.get(target));
  }
}
