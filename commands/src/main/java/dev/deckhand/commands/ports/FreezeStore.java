package dev.deckhand.commands.ports;

import dev.deckhand.commands.model.Actor;
import java.time.Instant;
import java.util.Optional;

/** Ad hoc freezes ({@code /freeze prod 2h "peak hours"}), one per environment. Blocking. */
public interface FreezeStore {

  /** Freezes the environment until {@code until}, replacing an earlier ad hoc freeze. */
  void freeze(String environment, Instant until, Actor by, String reason);

  /** Lifts the ad hoc freeze; true if there was one. */
  boolean unfreeze(String environment);

  /** The ad hoc freeze in force at {@code now}, if any. */
  Optional<Freeze> active(String environment, Instant now);

  record Freeze(String environment, Instant until, Actor by, String reason) {}
}
