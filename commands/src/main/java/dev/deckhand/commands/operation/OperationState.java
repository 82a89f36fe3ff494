package dev.deckhand.commands.operation;

import java.util.Arrays;

/** The states of an operation, named with the words users see. */
public enum OperationState {
  PENDING_APPROVAL("pending-approval"),
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  ROLLED_BACK("rolled-back"),
  REJECTED("rejected"),
  EXPIRED("expired"),
  CANCELLED("cancelled");

  private final String word;

  OperationState(String word) {
    this.word = word;
  }

  /** The word shown in chat and stored in the database. */
  public String word() {
    return word;
  }

  /** True once nothing more will happen to the operation. */
  public boolean isFinal() {
    return this != PENDING_APPROVAL && this != RUNNING;
  }

  public static OperationState ofWord(String word) {
    return Arrays.stream(values())
        .filter(s -> s.word.equals(word))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown operation state " + word));
  }
}
