package dev.deckhand.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signed slash-command requests as Slack sends them in HTTP mode, to an endpoint's {@code
 * /slack/commands}. Each request gets its own {@code trigger_id}, so none is a redelivery.
 */
final class SlashCommands {
  static final String TEAM = "T0BENCH";
  static final String CHANNEL = "C0BENCH";
  static final String USER = "U0BENCH";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String secret;

  SlashCommands(URI base, String secret) {
    this.endpoint = base.resolve("/slack/commands");
    this.secret = secret;
  }

  /** {@code /deckhand <text>} from {@code user}, signed now. */
  HttpRequest request(String text, String user, String trigger) {
    return request("/deckhand", text, user, trigger);
  }

  HttpRequest request(String command, String text, String user, String trigger) {
    String body = form(command, text, user, trigger);
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return HttpRequest.newBuilder(endpoint)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", SlackSigning.signature(secret, ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static String form(String command, String text, String user, String trigger) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", "legacy-verification-token");
    fields.put("team_id", TEAM);
    fields.put("team_domain", "bench");
    fields.put("channel_id", CHANNEL);
    fields.put("channel_name", "deploys");
    fields.put("user_id", user);
    fields.put("user_name", user.toLowerCase());
    fields.put("command", command);
    fields.put("text", text);
    fields.put("api_app_id", "A0BENCH");
    fields.put("response_url", "https://hooks.slack.invalid/commands/" + trigger);
    fields.put("trigger_id", trigger);
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
