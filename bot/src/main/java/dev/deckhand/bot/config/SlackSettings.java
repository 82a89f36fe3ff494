package dev.deckhand.bot.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The Slack adapter in HTTP mode ({@code chat.slack}). The tokens are resolved secrets: {@link
 * #toString()} never shows them.
 *
 * @param botToken the bot token ({@code xoxb-…})
 * @param signingSecret the app's signing secret, to verify requests
 * @param host the address the HTTP endpoint binds, {@code 127.0.0.1} by default
 * @param port its port, 3000 by default (0 picks a free one)
 * @param apiUrl the Web API base ({@code https://slack.com/api/}) when another one is configured
 */
public record SlackSettings(
    String botToken, String signingSecret, String host, int port, Optional<String> apiUrl) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 3000;

  public SlackSettings {
    Objects.requireNonNull(botToken, "botToken");
    Objects.requireNonNull(signingSecret, "signingSecret");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiUrl, "apiUrl");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
  }

  @Override
  public String toString() {
    return "SlackSettings[mode=http, listen="
        + host
        + ":"
        + port
        + ", api-url="
        + apiUrl.orElse("default")
        + "]";
  }
}
