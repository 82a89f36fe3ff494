package dev.deckhand.bot.discord;

import dev.deckhand.commands.chat.Conversation;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;

/**
 * The guild's channels as {@link Conversation}s, one instance per channel id, each with its own
 * edit budget (Discord's buckets are per channel). Thread-safe.
 */
final class DiscordConversations {
  /** Discord ids are snowflakes: 17 to 20 digits. */
  private static final Pattern SNOWFLAKE = Pattern.compile("\\d{15,20}");

  private final JDA jda;
  private final DiscordRenderer renderer;
  private final Clock clock;
  private final ConcurrentMap<String, DiscordConversation> channels = new ConcurrentHashMap<>();

  DiscordConversations(JDA jda, DiscordRenderer renderer, Clock clock) {
    this.jda = jda;
    this.renderer = renderer;
    this.clock = clock;
  }

  DiscordConversation channel(String channelId) {
    return channels.computeIfAbsent(
        channelId, id -> new DiscordConversation(jda, id, renderer, clock));
  }

  /** The channel if the id looks like a Discord one; empty for other adapters' ids. */
  Optional<Conversation> find(String id) {
    return SNOWFLAKE.matcher(id).matches() ? Optional.of(channel(id)) : Optional.empty();
  }
}
