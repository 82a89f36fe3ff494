package dev.deckhand.commands.policy;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.FreezeWindow;
import dev.deckhand.commands.ports.FreezeStore;
import java.time.Instant;
import java.util.Optional;

/** Whether an environment is frozen now: a configured weekly window or an ad hoc freeze. */
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
                + w.endAfter(now)
                + " ("
                + w
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
                    + f.until()
                    + ": "
                    + f.reason());
  }
}
