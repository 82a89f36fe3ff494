package dev.deckhand.bot.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The Slack adapter ({@code chat.slack}). The tokens are resolved secrets: {@link #toString()}
 * never shows them.
 *
 * @param mode how Slack reaches the bot: Socket Mode (the default) or HTTP
 * @param teamId the workspace served ({@code T…}): requests and events of any other are refused,
 *     and a bot token of another workspace stops the start
 * @param appId the app ({@code A…}) whose requests are accepted, when configured
 * @param botToken the bot token ({@code xoxb-…}), for the Web API
 * @param appToken the app-level token ({@code xapp-…}), present in Socket Mode
 * @param signingSecret the app's signing secret, present in HTTP mode, to verify requests
 * @param host the address the HTTP endpoint binds, {@code 127.0.0.1} by default
 * @param port its port, 3000 by default (0 picks a free one)
 * @param apiUrl the Web API base ({@code https://slack.com/api/}) when another one is configured
 * @param insecure whether {@code apiUrl} may be plain http ({@code insecure: true})
 * @param userGroupTtl how long a user group's members are cached
 */
public record SlackSettings(
    Mode mode,
    String teamId,
    Optional<String> appId,
    String botToken,
    Optional<String> appToken,
    Optional<String> signingSecret,
    String host,
    int port,
    Optional<String> apiUrl,
    boolean insecure,
    Duration userGroupTtl) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 3000;
  public static final Duration DEFAULT_USER_GROUP_TTL = Duration.ofMinutes(5);

  /** How Slack delivers commands and events. */
  public enum Mode {
    /** A websocket the bot opens to Slack with the app-level token; nothing listens. */
    SOCKET,
    /** Slack posts signed requests to the bot's HTTP endpoint. */
    HTTP
  }

  public SlackSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(botToken, "botToken");
    Objects.requireNonNull(appToken, "appToken");
    Objects.requireNonNull(signingSecret, "signingSecret");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(userGroupTtl, "userGroupTtl");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
    if (mode == Mode.SOCKET && appToken.isEmpty()) {
      throw new IllegalArgumentException("Socket Mode needs the app-level token");
    }
    if (mode == Mode.HTTP && signingSecret.isEmpty()) {
      throw new IllegalArgumentException("HTTP mode needs the signing secret");
    }
  }

  /**
   * The warning to log at start when the bot token goes to the Web API in clear ({@code insecure:
   * true} and an http {@code api-url}); empty otherwise.
   */
  public Optional<String> cleartextWarning() {
    return ChatUrls.plain(apiUrl)
        ? Optional.of(
            "chat.slack.insecure is true: the Slack bot token travels in clear to "
                + apiUrl.get()
                + " (chat.slack.api-url); use https outside a test")
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "SlackSettings[mode="
        + mode.name().toLowerCase(java.util.Locale.ROOT)
        + ", team-id="
        + teamId
        + appId.map(a -> ", app-id=" + a).orElse("")
        + (mode == Mode.HTTP ? ", listen=" + host + ":" + port : "")
        + ", api-url="
        + apiUrl.orElse("default")
        + (insecure ? ", insecure" : "")
        + ", user-group-ttl="
        + userGroupTtl
        + "]";
  }
}
