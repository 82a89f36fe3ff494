package dev.deckhand.bot.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code chat.slack: {mode, team-id, app-id, bot-token, app-token, signing-secret, http: {listen},
 * api-url, insecure, user-group-ttl}}. {@code mode} is {@code socket} (the default; needs the
 * app-level token) or {@code http} (needs the signing secret). {@code team-id} (required) pins the
 * workspace, {@code app-id} (optional) the app. Tokens must be {@code env:}/{@code file:}
 * references and must look like what they claim to be ({@code xoxb-}, {@code xapp-}). {@code
 * api-url} is https unless {@code insecure: true}.
 */
final class SlackSection {
  private static final Pattern TEAM_ID = Pattern.compile("T[A-Z0-9]{2,31}");
  private static final Pattern APP_ID = Pattern.compile("A[A-Z0-9]{2,31}");

  private SlackSection() {}

  static Optional<SlackSettings> parse(YamlNode chat) {
    return chat.map(ChatKeys.ALL).flatMap(m -> m.get("slack")).flatMap(SlackSection::slack);
  }

  private static Optional<SlackSettings> slack(YamlNode node) {
    Optional<YamlMap> found =
        node.map(
            "mode",
            "team-id",
            "app-id",
            "bot-token",
            "app-token",
            "signing-secret",
            "http",
            "api-url",
            "insecure",
            "user-group-ttl");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<SlackSettings.Mode> mode = mode(map);
    Optional<String> teamId =
        map.required("team-id", "; the workspace's id, e.g. \"T024BE7LD\" (auth.test's team_id)")
            .flatMap(
                n ->
                    id(
                        n,
                        TEAM_ID,
                        "a workspace id",
                        "T024BE7LD",
                        "the T… in app.slack.com/client/T…/"));
    Optional<YamlNode> appIdNode = map.get("app-id");
    Optional<String> appId =
        appIdNode.flatMap(
            n -> id(n, APP_ID, "an app id", "A0123456789", "the app's Basic Information page"));
    Optional<String> botToken =
        map.required("bot-token", "; e.g. env:SLACK_BOT_TOKEN")
            .flatMap(Secrets::secret)
            .filter(
                t -> token(map, "bot-token", t, "xoxb-", "a bot token", "Bot User OAuth Token"));
    boolean socket = mode.orElse(null) == SlackSettings.Mode.SOCKET;
    boolean http = mode.orElse(null) == SlackSettings.Mode.HTTP;
    Optional<YamlNode> appTokenNode =
        socket
            ? map.required("app-token", "; Socket Mode needs it, e.g. env:SLACK_APP_TOKEN")
            : map.get("app-token");
    Optional<String> appToken =
        appTokenNode
            .flatMap(Secrets::secret)
            .filter(
                t ->
                    token(
                        map,
                        "app-token",
                        t,
                        "xapp-",
                        "an app-level token",
                        "App-Level Token with connections:write"));
    Optional<YamlNode> secretNode =
        http
            ? map.required("signing-secret", "; HTTP mode needs it, e.g. env:SLACK_SIGNING_SECRET")
            : map.get("signing-secret");
    Optional<String> signingSecret =
        secretNode
            .flatMap(Secrets::secret)
            .filter(
                s ->
                    map.accept(
                        "signing-secret",
                        s.isBlank() ? Optional.of("must not be empty") : Optional.empty()));
    Optional<String[]> listen = listen(map);
    Optional<Boolean> insecure = ChatUrls.insecure(map);
    Optional<Optional<String>> apiUrl =
        ChatUrls.url(
            map, "api-url", "https", "http", insecure.orElse(false), "https://slack.com/api/");
    Optional<Duration> ttl = ttl(map);
    if (mode.isEmpty()
        || teamId.isEmpty()
        || (appIdNode.isPresent() && appId.isEmpty())
        || insecure.isEmpty()
        || botToken.isEmpty()
        || (socket && appToken.isEmpty())
        || (http && signingSecret.isEmpty())
        || listen.isEmpty()
        || apiUrl.isEmpty()
        || ttl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SlackSettings(
            mode.get(),
            teamId.get(),
            appId,
            botToken.get(),
            appToken,
            signingSecret,
            listen.get()[0],
            Integer.parseInt(listen.get()[1]),
            apiUrl.get(),
            insecure.get(),
            ttl.get()));
  }

  private static Optional<SlackSettings.Mode> mode(YamlMap map) {
    Optional<YamlNode> node = map.get("mode");
    if (node.isEmpty()) {
      return Optional.of(SlackSettings.Mode.SOCKET);
    }
    if (node.get().isNull()) {
      node.get().problem("must be socket or http");
      return Optional.empty();
    }
    return node.get()
        .text()
        .flatMap(
            m -> {
              Optional<SlackSettings.Mode> mode =
                  switch (m) {
                    case "socket" -> Optional.of(SlackSettings.Mode.SOCKET);
                    case "http" -> Optional.of(SlackSettings.Mode.HTTP);
                    default -> Optional.empty();
                  };
              map.accept(
                  "mode",
                  mode.isPresent()
                      ? Optional.empty()
                      : Optional.of(YamlNode.quote(m) + " is not a mode; use socket or http"));
              return mode;
            });
  }

  /** Reports a token that does not start with its prefix; never shows the token. */
  private static boolean token(
      YamlMap map, String key, String token, String prefix, String what, String slackName) {
    return map.accept(
        key,
        token.startsWith(prefix)
            ? Optional.empty()
            : Optional.of(
                "not "
                    + what
                    + ": it must start with "
                    + prefix
                    + " (the "
                    + slackName
                    + " of the app)"));
  }

  private static Optional<Duration> ttl(YamlMap map) {
    Optional<YamlNode> node = map.get("user-group-ttl");
    if (node.isEmpty()) {
      return Optional.of(SlackSettings.DEFAULT_USER_GROUP_TTL);
    }
    Optional<String> text = node.get().text();
    Optional<Duration> ttl = text.flatMap(Durations::parse);
    if (text.isPresent() && ttl.isEmpty()) {
      node.get().problem(YamlNode.quote(text.get()) + " is not a duration, e.g. 5m or 30s");
    }
    return ttl;
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

  /** An id of {@code pattern}'s shape; empty when wrong (reported, saying where to find it). */
  private static Optional<String> id(
      YamlNode node, Pattern pattern, String what, String example, String where) {
    return node.text()
        .filter(
            id -> {
              if (pattern.matcher(id).matches()) {
                return true;
              }
              node.problem(
                  YamlNode.quote(id)
                      + " is not "
                      + what
                      + ", e.g. \""
                      + example
                      + "\" (see "
                      + where
                      + ")");
              return false;
            });
  }
}
