package dev.deckhand.bot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Discord adapter ({@code chat.discord}). The token is a resolved secret: {@link #toString()}
 * never shows it.
 *
 * @param token the bot token
 * @param guild the id of the guild (server) whose slash commands Deckhand registers and serves
 * @param apiUrl the REST base ({@code https://discord.com/api/v10/}) when another one is configured
 * @param gatewayUrl the gateway websocket when another one is configured
 * @param insecure whether the URLs may be plain http and ws ({@code insecure: true})
 */
public record DiscordSettings(
    String token,
    String guild,
    Optional<String> apiUrl,
    Optional<String> gatewayUrl,
    boolean insecure) {
  public DiscordSettings {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(guild, "guild");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
  }

  /**
   * The warnings to log at start, one per URL the bot token goes to in clear ({@code insecure:
   * true} and an http or ws URL).
   */
  public List<String> cleartextWarnings() {
    List<String> out = new ArrayList<>();
    if (ChatUrls.plain(apiUrl)) {
      out.add(warning(apiUrl.get(), "api-url"));
    }
    if (ChatUrls.plain(gatewayUrl)) {
      out.add(warning(gatewayUrl.get(), "gateway-url"));
    }
    return out;
  }

  private static String warning(String url, String key) {
    return "chat.discord.insecure is true: the Discord bot token travels in clear to "
        + url
        + " (chat.discord."
        + key
        + "); use https and wss outside a test";
  }

  @Override
  public String toString() {
    return "DiscordSettings[guild="
        + guild
        + ", api-url="
        + apiUrl.orElse("default")
        + ", gateway-url="
        + gatewayUrl.orElse("default")
        + (insecure ? ", insecure" : "")
        + "]";
  }
}
