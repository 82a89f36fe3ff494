package dev.deckhand.commands.parse;

/**
 * A user error: the message says what was wrong, the hint what to type instead. Shown to the user
 * as it is; never logged as an error.
 */
public class UsageException extends RuntimeException {
  private final String hint;

  public UsageException(String problem, String hint) {
    super(problem, null, false, false);
    this.hint = hint == null ? "" : hint;
  }

  public String problem() {
    return getMessage();
  }

  public String hint() {
    return hint;
  }
}
