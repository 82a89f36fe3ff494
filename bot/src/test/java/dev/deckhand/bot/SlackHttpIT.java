package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.bot.slack.FakeSlack.Call;
import dev.deckhand.bot.slack.SlackRequestVerifier;
import dev.deckhand.commands.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Slack's HTTP mode end to end: signed requests to the bot's endpoint on loopback, verified by
 * Bolt's middleware. The shared behaviour is in {@link SlackChatContract}; here what only HTTP mode
 * has: signatures, the URL challenge, Slack's retry headers, the methods and sizes refused.
 */
class SlackHttpIT extends SlackChatContract {
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(ACK).build();
  URI endpoint;

  @Override
  String slackKeys() {
    return """
            mode: http
            bot-token: env:SLACK_BOT_TOKEN
            signing-secret: env:SLACK_SIGNING_SECRET
            http: { listen: "127.0.0.1:0" }""";
  }

  @Override
  void started() {
    var address = world.runtime().slackAddress().orElseThrow();
    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    endpoint = URI.create("http://127.0.0.1:" + address.getPort());
  }

  @Override
  void command(String command, String text, String user, String trigger) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response =
        signed("/slack/commands", form(slashFields(command, text, user, trigger)), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ACK);
  }

  @Override
  void reaction(String eventId, String user, String ts, int attempt) throws Exception {
    HttpResponse<String> response =
        signed(
            "/slack/events",
            reactionEvent(eventId, user, ts),
            attempt == 0 ? null : String.valueOf(attempt));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Override
  void refused(Map<String, String> command, String event) throws Exception {
    HttpResponse<String> response =
        command != null
            ? signed("/slack/commands", form(command), null)
            : signed("/slack/events", event, null);
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void unsignedWronglySignedAndStaleRequestsAreRefusedAndRunNothing() throws Exception {
    String body =
        form(slashFields("/deploy", "dashboard p10e-dash-20260519 --env staging", ALICE, "t-bad"));
    String now = String.valueOf(Instant.now().getEpochSecond());
    String stale = String.valueOf(Instant.now().minusSeconds(400).getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(post("/slack/commands", body, null, null, null).statusCode()).isEqualTo(401);
    assertThat(
            post(
                    "/slack/commands",
                    body,
                    now,
                    SlackRequestVerifier.signature("wrong-secret", now, bytes),
                    null)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(
                    "/slack/commands",
                    body,
                    stale,
                    SlackRequestVerifier.signature(SECRET, stale, bytes),
                    null)
                .statusCode())
        .isEqualTo(401);
    String event = reactionEvent("Ev-unsigned", BOB, "1767225600.000001");
    assertThat(post("/slack/events", event, null, null, null).statusCode()).isEqualTo(401);

    // A signed request sent after them runs, and is the only dashboard deploy that ever shows up.
    command("/deploy", "dashboard p10e-dash-20260519 --env staging", ALICE, "t-good");
    String header = "deploy dashboard p10e-dash-20260519-brand-fields · staging";
    await().atMost(PATIENCE).until(() -> posts(header).size() == 1);
    await().atMost(PATIENCE).until(() -> world.runtime().engine().dispatcher().inFlight() == 0);
    assertThat(posts(header)).hasSize(1);
    assertThat(fake.calls()).noneMatch(c -> c.text() != null && c.text().contains("t-bad"));
  }

  @Test
  void urlVerificationEchoesTheChallenge() throws Exception {
    String body = "{\"type\":\"url_verification\",\"token\":\"t\",\"challenge\":\"c-42\"}";
    HttpResponse<String> response = signed("/slack/events", body, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("c-42");
    assertThat(post("/slack/events", body, null, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void otherMethodsAndHugeBodiesAreRefused() throws Exception {
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/slack/events")).timeout(ACK).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(signed("/slack/events", "x".repeat(70 * 1024), null).statusCode()).isEqualTo(413);
  }

  @Test
  void aRefusedBotTokenStopsTheStartWithAClearError() throws Exception {
    try (FakeSlack revoked = new FakeSlack()) {
      revoked.revokeTokens();
      Path catalog = dir.resolve("revoked.yaml");
      Files.writeString(
          catalog,
          Files.readString(dir.resolve("slack.yaml"))
              .replace(fake.methodsUrl(), revoked.methodsUrl()));
      try (DemoWorld other =
          DemoWorld.start(
              new CatalogLoader(
                  SecretResolver.standard(
                      Map.of("SLACK_BOT_TOKEN", "xoxb-revoked", "SLACK_SIGNING_SECRET", SECRET))),
              catalog,
              dir.resolve("revoked-home"),
              Engine.Settings.defaults(),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
        assertThatThrownBy(() -> other.runtime().start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(
                "Slack refused the bot token (chat.slack.bot-token): auth.test answered"
                    + " invalid_auth")
            .hasMessageNotContaining("xoxb-revoked");
        assertThat(other.runtime().slackAddress()).isEmpty();
        assertThat(revoked.calls()).extracting(Call::method).containsExactly("auth.test");
      }
    }
  }

  @Test
  void aBotTokenOfAnotherWorkspaceStopsTheStartWithAClearError() throws Exception {
    Path catalog = dir.resolve("other-team.yaml");
    Files.writeString(
        catalog,
        Files.readString(dir.resolve("slack.yaml")).replace("team-id: T0001", "team-id: T0002"));
    int calls = fake.calls("auth.test").size();
    Logger adapter = (Logger) LoggerFactory.getLogger("dev.deckhand.bot.slack.SlackAdapter");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    adapter.addAppender(logged);
    try (DemoWorld other =
        DemoWorld.start(
            new CatalogLoader(
                SecretResolver.standard(
                    Map.of("SLACK_BOT_TOKEN", "xoxb-other", "SLACK_SIGNING_SECRET", SECRET))),
            catalog,
            dir.resolve("other-team-home"),
            Engine.Settings.defaults(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThatThrownBy(() -> other.runtime().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "the bot token (chat.slack.bot-token) belongs to workspace T0001 (Deckhand Test),"
                  + " not to T0002 (chat.slack.team-id): use the bot token of the app installed"
                  + " in T0002, or correct team-id")
          .hasMessageNotContaining("xoxb-other");
      assertThat(other.runtime().slackAddress()).isEmpty();
      assertThat(fake.calls("auth.test")).hasSize(calls + 1);
      assertThat(logged.list)
          .as("the catalog's insecure: true is said at every start")
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly(
              "chat.slack.insecure is true: the Slack bot token travels in clear to "
                  + fake.methodsUrl()
                  + " (chat.slack.api-url); use https outside a test");
    } finally {
      adapter.detachAppender(logged);
    }
  }

  /** A form-encoded body, as Slack sends slash commands. */
  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> signed(String path, String body, String retry) throws Exception {
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return post(
        path,
        body,
        ts,
        SlackRequestVerifier.signature(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)),
        retry);
  }

  private HttpResponse<String> post(
      String path, String body, String timestamp, String signature, String retry) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(ACK)
            .header(
                "Content-Type",
                path.endsWith("commands")
                    ? "application/x-www-form-urlencoded"
                    : "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header("X-Slack-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      request.header("X-Slack-Signature", signature);
    }
    if (retry != null) {
      request.header("X-Slack-Retry-Num", retry).header("X-Slack-Retry-Reason", "http_timeout");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
