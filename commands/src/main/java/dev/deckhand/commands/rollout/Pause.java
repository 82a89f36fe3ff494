package dev.deckhand.commands.rollout;

import java.util.Objects;

/**
 * Whether a deployment's rollouts are paused ({@code spec.paused}), and, when Deckhand paused it,
 * who did and since when (from the annotations it writes with the pause).
 *
 * @param paused {@code spec.paused}
 * @param by who paused it, empty when unknown (paused by kubectl or another tool)
 * @param since when, as written (RFC 3339), empty when unknown
 */
public record Pause(boolean paused, String by, String since) {
  /** Not paused. */
  public static final Pause NONE = new Pause(false, "", "");

  public Pause {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(since, "since");
  }
}
