package dev.deckhand.store;

/**
 * A failure of the store: the database could not be reached, a statement failed, or a row asked for
 * does not exist. The message says what the store was doing ("while updating operation 12"); the
 * cause, when there is one, is the driver's {@link java.sql.SQLException}. Not meant for chat
 * users: callers report it as an internal error and log it once.
 */
public class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
