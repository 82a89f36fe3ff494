package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The deploy timeline: one row per finished deploy or rollback. Thread-safe, blocking. */
public interface Timeline {

  void record(Entry entry);

  /** The newest entries for a service in an environment, newest first. */
  List<Entry> recent(String service, String environment, int limit);

  /** A timeline that keeps nothing. */
  Timeline NONE =
      new Timeline() {
        @Override
        public void record(Entry entry) {}

        @Override
        public List<Entry> recent(String service, String environment, int limit) {
          return List.of();
        }
      };

  /**
   * One deploy or rollback.
   *
   * @param oldImage the image before, pinned when known
   * @param newImage the image asked for, pinned ({@code repo:tag@sha256:...})
   * @param result the operation's final state word ({@code succeeded}, {@code rolled-back}...)
   */
  record Entry(
      long operationId,
      String kind,
      Actor actor,
      String service,
      String environment,
      String oldImage,
      String newImage,
      Duration duration,
      String result,
      Instant at) {}
}
