package dev.deckhand.commands.policy;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.FreezeWindow;
import dev.deckhand.commands.catalog.WallClock;
import dev.deckhand.commands.ports.FreezeStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an environment is frozen now: a configured weekly window (its end shown in the window's
 * zone) or an ad hoc freeze (its end shown in the environment's zone).
 */
public final class Freezes {
  private final FreezeStore store;

  public Freezes(FreezeStore store) {
    this.store = store;
  }

  /** A sentence describing the freeze in force, if any. */
  public Optional<String> activeFreeze(EnvironmentSpec env, Instant now) {
    for (FreezeWindow w : env.freezes()) {
      if (w.covers(now)) {
        return Optional.of(
            env.name()
                + " is frozen ("
                + w.reason()
                + ") until "
                + WallClock.dateTime(w.endAfter(now), w.zone())
                + " (every "
                + w.window()
                + ")");
      }
    }
    return store
        .active(env.name(), now)
        .map(
            f ->
                env.name()
                    + " is frozen by "
                    + f.by().displayName()
                    + " until "
                    + WallClock.dateTime(f.until(), env.zone())
                    + ": "
                    + f.reason());
  }
}
