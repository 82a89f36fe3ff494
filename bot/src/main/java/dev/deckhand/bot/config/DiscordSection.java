package dev.deckhand.bot.config;

import java.util.Optional;

/**
 * {@code chat.discord: {token, guild, api-url, gateway-url, insecure}}. The token must be an {@code
 * env:} or {@code file:} reference; the guild (required) is a snowflake id, the one server served;
 * the URLs, for a proxy or a test double, are https and wss, or http and ws with {@code insecure:
 * true}.
 */
final class DiscordSection {
  private DiscordSection() {}

  static Optional<DiscordSettings> parse(YamlNode chat) {
    return chat.map(ChatKeys.ALL).flatMap(m -> m.get("discord")).flatMap(DiscordSection::discord);
  }

  private static Optional<DiscordSettings> discord(YamlNode node) {
    Optional<YamlMap> found = node.map("token", "guild", "api-url", "gateway-url", "insecure");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> token =
        map.required("token", "; e.g. env:DISCORD_TOKEN")
            .flatMap(Secrets::secret)
            .filter(
                t ->
                    map.accept(
                        "token",
                        t.isBlank() || t.chars().anyMatch(Character::isWhitespace)
                            ? Optional.of("the bot token must not be empty nor contain spaces")
                            : Optional.empty()));
    Optional<String> guild =
        map.required("guild", "; the server's id, e.g. \"1234567890123456789\"")
            .flatMap(
                n ->
                    n.text()
                        .filter(
                            g -> {
                              if (g.matches("\\d{1,20}")) {
                                return true;
                              }
                              n.problem(
                                  YamlNode.quote(g)
                                      + " is not a guild id: copy the server's id (digits) with"
                                      + " Developer Mode on");
                              return false;
                            }));
    Optional<Boolean> insecure = ChatUrls.insecure(map);
    boolean plain = insecure.orElse(false);
    Optional<Optional<String>> apiUrl =
        ChatUrls.url(map, "api-url", "https", "http", plain, "https://discord.com/api/v10/");
    Optional<Optional<String>> gatewayUrl =
        ChatUrls.url(map, "gateway-url", "wss", "ws", plain, "wss://gateway.discord.gg/");
    if (token.isEmpty()
        || guild.isEmpty()
        || insecure.isEmpty()
        || apiUrl.isEmpty()
        || gatewayUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DiscordSettings(
            token.get(), guild.get(), apiUrl.get(), gatewayUrl.get(), insecure.get()));
  }
}
