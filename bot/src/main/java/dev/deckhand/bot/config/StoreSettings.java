package dev.deckhand.bot.config;

import java.util.Objects;

/**
 * Where the bot keeps its state: a PostgreSQL JDBC URL and credentials (already resolved from their
 * secret references). Absent from {@link LoadedConfig} when the bot should run its embedded
 * PostgreSQL.
 *
 * @param url a {@code jdbc:postgresql:} URL
 * @param user the user, or null when the URL carries it
 * @param password the password, or null when the URL carries it
 */
public record StoreSettings(String url, String user, String password) {
  public StoreSettings {
    Objects.requireNonNull(url, "url");
  }

  /** Leaves the URL (it may carry credentials) and the password out. */
  @Override
  public String toString() {
    return "StoreSettings[user=" + user + "]";
  }
}
