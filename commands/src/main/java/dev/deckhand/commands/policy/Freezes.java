package dev.deckhand.commands.policy;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.FreezeWindow;
import dev.deckhand.commands.ports.FreezeStore;
import java.time.Instant;
import java.util.Optional;

/** Whether an environment is frozen now: a configured weekly window or an ad hoc freeze. */
public final class Freezes {
  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
          .withZone(java.time.ZoneOffset.UTC);

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
                + WHEN.format(w.endAfter(now))
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
                    + WHEN.format(f.until())
                    + ": "
                    + f.reason());
  }
}
