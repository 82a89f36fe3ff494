package dev.deckhand.bot.config;

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
 */
public record DiscordSettings(
    String token, String guild, Optional<String> apiUrl, Optional<String> gatewayUrl) {
  public DiscordSettings {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(guild, "guild");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
  }

  @Override
  public String toString() {
    return "DiscordSettings[guild="
        + guild
        + ", api-url="
        + apiUrl.orElse("default")
        + ", gateway-url="
        + gatewayUrl.orElse("default")
        + "]";
  }
}
