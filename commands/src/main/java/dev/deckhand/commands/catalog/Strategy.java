package dev.deckhand.commands.catalog;

import java.util.Arrays;
import java.util.Optional;

/** How {@code /deploy} changes a service: a rolling update, a blue-green switch, or a canary. */
public enum Strategy {
  ROLLING("rolling"),
  BLUE_GREEN("blue-green"),
  CANARY("canary");

  private final String word;

  Strategy(String word) {
    this.word = word;
  }

  /** As written in the catalog and after {@code --strategy}. */
  public String word() {
    return word;
  }

  /** The strategy written {@code text}, if any. */
  public static Optional<Strategy> of(String text) {
    return Arrays.stream(values()).filter(s -> s.word.equals(text)).findFirst();
  }
}
