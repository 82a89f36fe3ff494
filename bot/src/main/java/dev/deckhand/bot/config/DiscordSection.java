package dev.deckhand.bot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * {@code chat.discord: {token, guild, api-url, gateway-url}}. The token must be an {@code env:} or
 * {@code file:} reference; the guild is a snowflake id; the URLs, for a proxy or a test double, are
 * http(s) and ws(s) URLs.
 */
final class DiscordSection {
  private DiscordSection() {}

  static Optional<DiscordSettings> parse(YamlNode chat) {
    return chat.map(ChatKeys.ALL).flatMap(m -> m.get("discord")).flatMap(DiscordSection::discord);
  }

  private static Optional<DiscordSettings> discord(YamlNode node) {
    Optional<YamlMap> found = node.map("token", "guild", "api-url", "gateway-url");
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
    Optional<Optional<String>> apiUrl = url(map, "api-url", List.of("http", "https"));
    Optional<Optional<String>> gatewayUrl = url(map, "gateway-url", List.of("ws", "wss"));
    if (token.isEmpty() || guild.isEmpty() || apiUrl.isEmpty() || gatewayUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DiscordSettings(token.get(), guild.get(), apiUrl.get(), gatewayUrl.get()));
  }

  /** Present (maybe empty) when valid, empty when wrong (reported). Ends with "/". */
  private static Optional<Optional<String>> url(YamlMap map, String key, List<String> schemes) {
    Optional<YamlNode> node = map.get(key);
    if (node.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    Optional<String> text = node.get().text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String url = text.get();
    try {
      URI uri = new URI(url);
      if (schemes.contains(uri.getScheme()) && uri.getHost() != null) {
        return Optional.of(Optional.of(url.endsWith("/") ? url : url + "/"));
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    node.get()
        .problem(
            YamlNode.quote(url)
                + " is not a "
                + String.join(" or ", schemes)
                + " URL, e.g. \""
                + schemes.get(0)
                + "://127.0.0.1:8080/\"");
    return Optional.empty();
  }
}
