package dev.deckhand.commands.engine;

import java.time.Duration;

/** Durations in the words chat shows: {@code 800 ms}, {@code 12 s}, {@code 3 min 5 s}. */
public final class Durations {
  private Durations() {}

  public static String words(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    long s = d.toSeconds();
    return s < 60 ? s + " s" : (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
  }
}
