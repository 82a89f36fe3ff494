package dev.deckhand.bot.discord;

import dev.deckhand.bot.logging.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one guild Deckhand serves ({@code chat.discord.guild}). An interaction or a reaction from any
 * other server (one the bot was also invited to, or a direct message) runs nothing and is logged,
 * its ids made printable. Thread-safe.
 */
final class GuildPin {
  private static final Logger log = LoggerFactory.getLogger(GuildPin.class);

  /** What a slash command from another server is answered, for its author only. */
  static final String ANSWER = "This bot serves another server.";

  private final String guild;

  GuildPin(String guild) {
    this.guild = guild;
  }

  /**
   * True when {@code guildId} is the guild served; logs the refusal otherwise.
   *
   * @param guildId the event's guild, null for a direct message
   * @param what what arrived, for the log ("slash command", "reaction")
   */
  boolean serves(String guildId, String what, String userId) {
    if (guild.equals(guildId)) {
      return true;
    }
    log.warn(
        "ignored a Discord {} from server {} by user {} (chat.discord.guild is {}); nothing run",
        what,
        Printable.of(guildId),
        Printable.of(userId),
        guild);
    return false;
  }
}
