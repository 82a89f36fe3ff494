package dev.deckhand.commands.operation;

import java.util.Arrays;

/** The state of one step of an operation's plan. */
public enum StepState {
  PENDING("pending"),
  RUNNING("running"),
  DONE("done"),
  FAILED("failed"),
  SKIPPED("skipped");

  private final String word;

  StepState(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static StepState ofWord(String word) {
    return Arrays.stream(values())
        .filter(s -> s.word.equals(word))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown step state " + word));
  }
}
