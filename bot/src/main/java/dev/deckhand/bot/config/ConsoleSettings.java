package dev.deckhand.bot.config;

import java.util.List;
import java.util.Objects;

/**
 * The local console chat: who can be impersonated at the prompt, who types by default, and the
 * channel the console's conversation counts as (for environments bound to channels).
 *
 * @param users the console user names, at least one
 * @param defaultUser one of {@code users}
 * @param channel the channel name, e.g. {@code #deploys}
 */
public record ConsoleSettings(List<String> users, String defaultUser, String channel) {
  /** The channel of a console whose catalog names none. */
  public static final String DEFAULT_CHANNEL = "#console";

  /** When the catalog has no {@code chat.console}: a single user, alice, in #console. */
  public static final ConsoleSettings DEFAULT = new ConsoleSettings(List.of("alice"), "alice");

  public ConsoleSettings {
    users = List.copyOf(users);
    Objects.requireNonNull(channel, "channel");
    if (!users.contains(defaultUser)) {
      throw new IllegalArgumentException("default user " + defaultUser + " is not among " + users);
    }
  }

  /** A console in {@link #DEFAULT_CHANNEL}. */
  public ConsoleSettings(List<String> users, String defaultUser) {
    this(users, defaultUser, DEFAULT_CHANNEL);
  }
}
