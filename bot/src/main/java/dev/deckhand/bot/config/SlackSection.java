package dev.deckhand.bot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * {@code chat.slack: {mode, bot-token, signing-secret, http: {listen}, api-url}}. Only {@code mode:
 * http} is built; tokens must be {@code env:}/{@code file:} references and the bot token must look
 * like one ({@code xoxb-}).
 */
final class SlackSection {
  private SlackSection() {}

  static Optional<SlackSettings> parse(YamlNode chat) {
    return chat.map(ChatKeys.ALL).flatMap(m -> m.get("slack")).flatMap(SlackSection::slack);
  }

  private static Optional<SlackSettings> slack(YamlNode node) {
    Optional<YamlMap> found = node.map("mode", "bot-token", "signing-secret", "http", "api-url");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    boolean modeOk =
        map.required("mode", "; write mode: http")
            .flatMap(YamlNode::text)
            .map(m -> mode(map, m))
            .orElse(false);
    Optional<String> botToken =
        map.required("bot-token", "; e.g. env:SLACK_BOT_TOKEN")
            .flatMap(Secrets::secret)
            .filter(
                t ->
                    map.accept(
                        "bot-token",
                        t.startsWith("xoxb-")
                            ? Optional.empty()
                            : Optional.of(
                                "not a bot token: it must start with xoxb- (the Bot User OAuth"
                                    + " Token of the app)")));
    Optional<String> signingSecret =
        map.required("signing-secret", "; e.g. env:SLACK_SIGNING_SECRET")
            .flatMap(Secrets::secret)
            .filter(
                s ->
                    map.accept(
                        "signing-secret",
                        s.isBlank() ? Optional.of("must not be empty") : Optional.empty()));
    Optional<String[]> listen = listen(map);
    Optional<Optional<String>> apiUrl = apiUrl(map);
    if (!modeOk
        || botToken.isEmpty()
        || signingSecret.isEmpty()
        || listen.isEmpty()
        || apiUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SlackSettings(
            botToken.get(),
            signingSecret.get(),
            listen.get()[0],
            Integer.parseInt(listen.get()[1]),
            apiUrl.get()));
  }

  private static boolean mode(YamlMap map, String mode) {
    return map.accept(
        "mode",
        switch (mode) {
          case "http" -> Optional.empty();
          case "socket" -> Optional.of("Socket Mode is not built yet; use mode: http");
          default -> Optional.of(YamlNode.quote(mode) + " is not a mode; use mode: http");
        });
  }

  /** {host, port} from {@code http.listen}, the default when absent, empty when wrong. */
  private static Optional<String[]> listen(YamlMap map) {
    String[] fallback = {SlackSettings.DEFAULT_HOST, String.valueOf(SlackSettings.DEFAULT_PORT)};
    Optional<YamlNode> http = map.get("http");
    if (http.isEmpty() || http.get().isNull()) {
      return Optional.of(fallback);
    }
    Optional<YamlMap> httpMap = http.get().map("listen");
    if (httpMap.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlNode> node = httpMap.get().get("listen");
    if (node.isEmpty()) {
      return Optional.of(fallback);
    }
    Optional<String> text = node.get().text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get();
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    String port = colon < 0 ? "" : value.substring(colon + 1);
    if (!host.isEmpty()
        && !host.contains(":")
        && host.chars().noneMatch(Character::isWhitespace)
        && port.matches("\\d{1,5}")
        && Integer.parseInt(port) <= 65535) {
      return Optional.of(new String[] {host, port});
    }
    node.get()
        .problem(
            YamlNode.quote(value) + " is not host:port, e.g. \"127.0.0.1:3000\" (port 0 to 65535)");
    return Optional.empty();
  }

  /** Present (maybe empty) when valid, empty when wrong (reported). */
  private static Optional<Optional<String>> apiUrl(YamlMap map) {
    Optional<YamlNode> node = map.get("api-url");
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
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return Optional.of(Optional.of(url.endsWith("/") ? url : url + "/"));
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    node.get()
        .problem(YamlNode.quote(url) + " is not an http(s) URL, e.g. \"https://slack.com/api/\"");
    return Optional.empty();
  }
}
