package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.bot.slack.FakeSlack.Call;
import dev.deckhand.bot.slack.SlackRequestVerifier;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, end to end over Slack's HTTP mode: while Slack answers {@code chat.postMessage} with
 * 429 and Retry-After, two people who may not approve (the requester and a developer) toggle ✅ on a
 * pending prod approval request hundreds of times. No worker may sleep out a Retry-After nor post a
 * reply per reaction: a staging deploy started meanwhile in the same channel still posts its live
 * message, completes and shows its final state; every ignored vote is audited, and each of the two
 * gets one reply in the thread.
 */
@Timeout(300)
class SlackVoteFloodIT {
  private static final String SECRET = "flood-signing-secret";
  private static final String CHANNEL = "C0FLOOD";
  private static final String ALICE = "U0ALICE";
  private static final String CAROL = "U0CAROL";
  private static final String BOB = "U0BOB";
  private static final int TOGGLES = 120;
  private static final int BATCH = 20;
  private static final Duration ACK = Duration.ofSeconds(3);
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(ACK).build();
  private URI endpoint;

  @Test
  void ignoredVotesDuringA429DoNotHoldBackADeployAndGetOneReplyPerVoter() throws Exception {
    try (FakeSlack fake = new FakeSlack();
        DemoWorld world = start(fake)) {
      command("/deploy", "dashboard p10e-dash-20260519 --env prod", "trigger-prod");
      Call request = await().atMost(PATIENCE).until(() -> post(fake, "· prod"), c -> c != null);
      ApprovalStore approvals = world.database().stores().approvals();
      ApprovalStore.Request pending =
          await()
              .atMost(PATIENCE)
              .until(
                  () ->
                      approvals.pending().stream()
                          .filter(p -> request.posted().equals(p.messageId()))
                          .findFirst()
                          .orElse(null),
                  p -> p != null);

      fake.refuseNext("chat.postMessage", 4, Duration.ofSeconds(2));
      command("/deploy", "gateway p10e-mmc-20260519 --env staging", "trigger-staging");
      for (int batch = 0; batch < 2 * TOGGLES / BATCH; batch++) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
          String voter = i % 4 < 2 ? CAROL : ALICE;
          boolean added = i % 2 == 0;
          sent.add(event("Ev0FLOOD" + i, voter, added, pending.messageId()));
        }
        for (CompletableFuture<HttpResponse<String>> response : sent) {
          assertThat(response.get().statusCode()).isEqualTo(200);
        }
      }

      Call staging = await().atMost(PATIENCE).until(() -> post(fake, "· staging"), c -> c != null);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  fake.calls("chat.update").stream()
                      .anyMatch(
                          c ->
                              c.ts().equals(staging.posted())
                                  && c.status() == 200
                                  && c.text().contains("succeeded")));

      AuditLog audit = world.database().stores().audit();
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  audit.recent("dashboard", 10_000).stream()
                      .filter(e -> e.action().equals("vote-ignored"))
                      .count(),
              n -> n == TOGGLES);
      await().atMost(PATIENCE).until(() -> replies(fake, pending, CAROL).size() == 1);
      await().atMost(PATIENCE).until(() -> replies(fake, pending, ALICE).size() == 1);

      assertThat(fake.calls("chat.postMessage"))
          .as("Slack did refuse posts meanwhile")
          .anyMatch(c -> c.status() == 429);
      assertThat(replies(fake, pending, CAROL)).as("one reply to Carol for op").hasSize(1);
      assertThat(replies(fake, pending, ALICE)).as("one reply to Alice for op").hasSize(1);
      assertThat(
              fake.calls("chat.postMessage").stream()
                  .filter(c -> pending.messageId().equals(c.threadTs()))
                  .count())
          .as("attempts of thread replies, 429s included")
          .isLessThanOrEqualTo(2 + 4);
      assertThat(approvals.votes(pending.operationId())).isEmpty();
      assertThat(approvals.forOperation(pending.operationId()).orElseThrow().state())
          .isEqualTo("pending");
    }
  }

  private DemoWorld start(FakeSlack fake) throws Exception {
    Path catalog = dir.resolve("flood.yaml");
    Files.writeString(catalog, catalog(fake.methodsUrl()));
    DemoWorld world =
        DemoWorld.start(
            new CatalogLoader(
                SecretResolver.standard(
                    Map.of("SLACK_BOT_TOKEN", "xoxb-flood", "SLACK_SIGNING_SECRET", SECRET))),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      world.runtime().start();
      endpoint =
          URI.create("http://127.0.0.1:" + world.runtime().slackAddress().orElseThrow().getPort());
      return world;
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
  }

  /** The first accepted top-level post whose text contains {@code text}, or null. */
  private static Call post(FakeSlack fake, String text) {
    return fake.calls("chat.postMessage").stream()
        .filter(c -> c.status() == 200 && c.threadTs() == null)
        .filter(c -> c.text() != null && c.text().contains(text))
        .findFirst()
        .orElse(null);
  }

  /** The accepted replies in the request's thread that name {@code voter}. */
  private static List<Call> replies(FakeSlack fake, ApprovalStore.Request r, String voter) {
    return fake.calls("chat.postMessage").stream()
        .filter(c -> c.status() == 200 && r.messageId().equals(c.threadTs()))
        .filter(c -> c.text() != null && c.text().contains(voter))
        .toList();
  }

  private void command(String command, String text, String trigger) throws Exception {
    String body =
        SlackHttpIT.form(
            Map.of(
                "team_id", "T0001",
                "channel_id", CHANNEL,
                "user_id", ALICE,
                "user_name", "alice",
                "command", command,
                "text", text,
                "trigger_id", trigger));
    assertThat(
            send("/slack/commands", body, "application/x-www-form-urlencoded").get().statusCode())
        .isEqualTo(200);
  }

  private CompletableFuture<HttpResponse<String>> event(
      String eventId, String user, boolean added, String ts) {
    String body =
        """
        {"token":"t","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
         "event_id":"%s","event_time":1767225600,
         "event":{"type":"%s","user":"%s","reaction":"white_check_mark",
                  "item_user":"U0BOT","item":{"type":"message","channel":"%s","ts":"%s"},
                  "event_ts":"1767225600.000100"}}
        """
            .formatted(eventId, added ? "reaction_added" : "reaction_removed", user, CHANNEL, ts);
    return send("/slack/events", body, "application/json");
  }

  private CompletableFuture<HttpResponse<String>> send(String path, String body, String type) {
    String ts = String.valueOf(Instant.now().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(ACK)
            .header("Content-Type", type)
            .header("X-Slack-Request-Timestamp", ts)
            .header(
                "X-Slack-Signature",
                SlackRequestVerifier.signature(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
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
            team-id: T0001
            api-url: "%1$s"
            insecure: true
        registries:
          default: { url: "${sim.registry}" }
        clusters:
          staging: { context: staging }
          prod: { context: prod }
        environments:
          staging: { cluster: staging, channels: ["%2$s"] }
          prod:
            cluster: prod
            protected: true
            channels: ["%2$s"]
            approvals: { count: 1, from: release-managers, expires: 30m }
        roles:
          developers:
            slack: [%3$s, %4$s]
            grants: ["deploy:*", "status:*"]
          release-managers:
            slack: [%5$s]
            grants: ["deploy:*", "approve:prod", "status:*"]
        services:
          gateway:
            image: synergygroup/coachpilot-gateway
            tag-pattern: 'p10e-mmc-\\d{8}-[a-z0-9-]+'
            targets:
              staging: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
          dashboard:
            image: synergygroup/coachpilot-dashboard
            tag-pattern: 'p10e-dash-\\d{8}-[a-z0-9-]+'
            targets:
              prod: { namespace: coachpilot, deployment: dashboard, container: dashboard }
        demo:
          replicas: 2
          progress-deadline: 10s
          ready-delay: 100ms
          tags:
            gateway:
              - p10e-mmc-20260518-c6-mode-keys
              - p10e-mmc-20260519-d4-webhooks
            dashboard:
              - p10e-dash-20260515-tenant-themes
              - p10e-dash-20260519-brand-fields
        """
        .formatted(api, CHANNEL, ALICE, CAROL, BOB);
  }
}
