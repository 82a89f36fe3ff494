package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.bot.slack.FakeSlack.Call;
import dev.deckhand.bot.slack.SlackRequestVerifier;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.ApprovalStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack's HTTP mode end to end: signed requests to the bot's endpoint on loopback, the real engine
 * on simulated clusters, and {@link FakeSlack} as the Web API. Tests use different services or
 * environments so that they do not depend on each other's order.
 */
@Timeout(120)
class SlackHttpIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration ACK = Duration.ofSeconds(3);
  private static final String SECRET = "test-signing-secret";
  private static final String CHANNEL = "C0DEPLOYS";
  private static final String ALICE = "U0ALICE";
  private static final String BOB = "U0BOB";

  @TempDir static Path dir;
  static FakeSlack fake;
  static DemoWorld world;
  static URI endpoint;
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(ACK).build();

  @BeforeAll
  static void start() throws Exception {
    fake = new FakeSlack();
    Path catalog = dir.resolve("slack.yaml");
    Files.writeString(catalog, catalog(fake.methodsUrl()));
    world =
        DemoWorld.start(
            new CatalogLoader(
                SecretResolver.standard(
                    Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", SECRET))),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    world.runtime().start();
    var address = world.runtime().slackAddress().orElseThrow();
    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    endpoint = URI.create("http://127.0.0.1:" + address.getPort());
    assertThat(fake.calls("auth.test")).hasSize(1);
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void aSignedDeployIsAcknowledgedPostedAndEditedToSucceeded() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response =
        command("/deploy", "gateway p10e-mmc-20260519 --env staging", ALICE, "trigger-staging-1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ACK);

    String header = "deploy gateway p10e-mmc-20260519-d4-webhooks · staging";
    Call posted =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    fake.calls("chat.postMessage").stream()
                        .filter(c -> c.text() != null && c.text().contains(header))
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    assertThat(posted.channel()).isEqualTo(CHANNEL);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.update").stream()
                    .anyMatch(
                        c ->
                            c.ts().equals(posted.posted())
                                && c.status() == 200
                                && c.text().contains("succeeded")));
  }

  @Test
  void theDeckhandCommandRunsTheSameCommands() throws Exception {
    HttpResponse<String> response = command("/deckhand", "whoami", ALICE, "trigger-whoami-1");
    assertThat(response.statusCode()).isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postMessage").stream()
                    .anyMatch(c -> c.text() != null && c.text().contains("Who you are")));
  }

  @Test
  void unsignedWronglySignedAndStaleRequestsAreRefusedAndRunNothing() throws Exception {
    String body = form("/deploy", "dashboard p10e-dash-20260519 --env staging", ALICE, "t-bad");
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
    assertThat(command("/deploy", "dashboard p10e-dash-20260519 --env staging", ALICE, "t-good"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    String header = "deploy dashboard p10e-dash-20260519-brand-fields · staging";
    await().atMost(PATIENCE).until(() -> posts(header).size() == 1);
    assertThat(world.runtime().engine().dispatcher().inFlight()).isLessThanOrEqualTo(1);
    assertThat(posts(header)).hasSize(1);
  }

  @Test
  void urlVerificationEchoesTheChallenge() throws Exception {
    String body = "{\"type\":\"url_verification\",\"token\":\"t\",\"challenge\":\"c-42\"}";
    HttpResponse<String> response = signed("/slack/events", body, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"challenge\":\"c-42\"}");
  }

  @Test
  void retriedDeliveriesRunOnce() throws Exception {
    // The same slash command four times (Slack does not retry those, but a proxy might) ...
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r =
          signed(
              "/slack/commands",
              form("/deploy", "gateway p10e-mmc-20260520 --env prod", ALICE, "trigger-prod-1"),
              i == 0 ? null : String.valueOf(i));
      assertThat(r.statusCode()).isEqualTo(200);
    }
    ApprovalStore approvals = world.database().stores().approvals();
    ApprovalStore.Request request =
        await()
            .atMost(PATIENCE)
            .until(() -> approvals.pending().stream().findFirst().orElse(null), r -> r != null);
    assertThat(request.conversation()).isEqualTo(CHANNEL);

    // ... and bob's ✅ delivered four times with the same event_id: one vote, one rollout.
    String event = reactionEvent("Ev0APPROVE1", BOB, request.messageId());
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = signed("/slack/events", event, i == 0 ? null : String.valueOf(i));
      assertThat(r.statusCode()).isEqualTo(200);
    }
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.update").stream()
                    .anyMatch(
                        c ->
                            c.ts().equals(request.messageId())
                                && c.status() == 200
                                && c.text().contains("succeeded")));
    assertThat(approvals.votes(request.operationId())).hasSize(1);
    assertThat(posts("deploy gateway p10e-mmc-20260520-c5-calibrate · prod")).hasSize(1);
  }

  @Test
  void aRefusedBotTokenStopsTheStartWithAClearError() throws Exception {
    try (FakeSlack revoked = new FakeSlack()) {
      revoked.revokeTokens();
      Path catalog = dir.resolve("revoked.yaml");
      Files.writeString(catalog, catalog(revoked.methodsUrl()));
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

  private static List<Call> posts(String header) {
    return fake.calls("chat.postMessage").stream()
        .filter(c -> c.text() != null && c.text().contains(header) && c.threadTs() == null)
        .toList();
  }

  private static HttpResponse<String> command(
      String command, String text, String user, String trigger) throws Exception {
    return signed("/slack/commands", form(command, text, user, trigger), null);
  }

  private static String form(String command, String text, String user, String trigger) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", "legacy-verification-token");
    fields.put("team_id", "T0001");
    fields.put("channel_id", CHANNEL);
    fields.put("channel_name", "deploys");
    fields.put("user_id", user);
    fields.put("user_name", user.equals(ALICE) ? "alice" : "bob");
    fields.put("command", command);
    fields.put("text", text);
    fields.put("response_url", "https://hooks.slack.invalid/commands/1");
    fields.put("trigger_id", trigger);
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String reactionEvent(String eventId, String user, String ts) {
    return """
        {"token":"t","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
         "event_id":"%s","event_time":1767225600,
         "event":{"type":"reaction_added","user":"%s","reaction":"white_check_mark",
                  "item_user":"U0BOT","item":{"type":"message","channel":"%s","ts":"%s"},
                  "event_ts":"1767225600.000100"}}
        """
        .formatted(eventId, user, CHANNEL, ts);
  }

  private static HttpResponse<String> signed(String path, String body, String retry)
      throws Exception {
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return post(
        path,
        body,
        ts,
        SlackRequestVerifier.signature(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)),
        retry);
  }

  private static HttpResponse<String> post(
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

  private static String catalog(String api) {
    return """
        default-environment: staging
        chat:
          slack:
            mode: http
            bot-token: env:SLACK_BOT_TOKEN
            signing-secret: env:SLACK_SIGNING_SECRET
            http: { listen: "127.0.0.1:0" }
            api-url: "%s"
        registries:
          default: { url: "${sim.registry}" }
        clusters:
          staging: { context: staging }
          prod: { context: prod }
        environments:
          staging: { cluster: staging }
          prod:
            cluster: prod
            protected: true
            channels: ["%s"]
            approvals: { count: 1, from: release-managers, expires: 30m }
        roles:
          developers:
            slack: [%s]
            grants: ["deploy:*", "status:*", "history:*"]
          release-managers:
            slack: [%s]
            grants: ["deploy:*", "approve:prod", "status:*", "history:*"]
        services:
          gateway:
            image: synergygroup/coachpilot-gateway
            tag-pattern: 'p10e-mmc-\\d{8}-[a-z0-9-]+'
            targets:
              staging: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
              prod: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
            verify:
              - http: "${sim.health}/{cluster}/{namespace}/{deployment}/health"
                expect-status: 200
                expect-json: { status: ok }
          dashboard:
            image: synergygroup/coachpilot-dashboard
            tag-pattern: 'p10e-dash-\\d{8}-[a-z0-9-]+'
            targets:
              staging: { namespace: coachpilot, deployment: dashboard, container: dashboard }
        demo:
          replicas: 2
          progress-deadline: 10s
          ready-delay: 100ms
          tags:
            gateway:
              - p10e-mmc-20260518-c6-mode-keys
              - p10e-mmc-20260519-d4-webhooks
              - p10e-mmc-20260520-c5-calibrate
            dashboard:
              - p10e-dash-20260515-tenant-themes
              - p10e-dash-20260519-brand-fields
        """
        .formatted(api, CHANNEL, ALICE, BOB);
  }
}
