package dev.deckhand.bot.config;

/** The keys {@code chat:} may hold, one per chat adapter. */
final class ChatKeys {
  static final String[] ALL = {"console", "slack", "discord"};

  private ChatKeys() {}
}
