package dev.deckhand.commands.look;

import java.time.Instant;
import java.util.Objects;

/**
 * One Kubernetes event about a deployment, one of its ReplicaSets or one of their pods.
 *
 * @param at when it last happened
 * @param type {@code Normal} or {@code Warning}
 * @param object the object it is about, {@code Kind/name}
 * @param count how many times it happened (1 at least)
 */
public record ClusterEvent(
    Instant at, String type, String reason, String object, String message, int count) {
  public ClusterEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(message, "message");
  }
}
