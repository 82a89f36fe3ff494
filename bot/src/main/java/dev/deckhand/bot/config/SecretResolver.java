package dev.deckhand.bot.config;

import java.util.Map;

/**
 * Turns a {@link SecretReference} into the secret's value. Blocking (it may read a file),
 * thread-safe and free of side effects. The catalog loader calls it once per reference at load
 * time.
 */
@FunctionalInterface
public interface SecretResolver {
  /**
   * The secret's value, never blank.
   *
   * @throws SecretException when the variable is unset or empty, or the file cannot be read
   */
  String resolve(SecretReference reference) throws SecretException;

  /**
   * The standard resolver: {@code env:} from the given environment (the bot's main passes {@code
   * System.getenv()}; tests pass a map), {@code file:} read as UTF-8 and trimmed.
   */
  static SecretResolver standard(Map<String, String> environment) {
    return new StandardSecretResolver(environment);
  }
}
