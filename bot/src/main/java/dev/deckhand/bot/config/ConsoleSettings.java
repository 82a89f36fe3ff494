package dev.deckhand.bot.config;

import java.util.List;

/**
 * The local console chat: who can be impersonated at the prompt and who types by default.
 *
 * @param users the console user names, at least one
 * @param defaultUser one of {@code users}
 */
public record ConsoleSettings(List<String> users, String defaultUser) {
  /** When the catalog has no {@code chat.console}: a single user, alice. */
  public static final ConsoleSettings DEFAULT = new ConsoleSettings(List.of("alice"), "alice");

  public ConsoleSettings {
    users = List.copyOf(users);
    if (!users.contains(defaultUser)) {
      throw new IllegalArgumentException("default user " + defaultUser + " is not among " + users);
    }
  }
}
