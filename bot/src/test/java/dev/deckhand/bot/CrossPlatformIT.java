package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.discord.FakeDiscord;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One person on two platforms, end to end: the bot on Slack (Socket Mode against {@link FakeSlack})
 * and Discord (JDA against {@link FakeDiscord}) at once, with a catalog whose people link bob's and
 * dave's ids on both. The two-person rule compares people: bob's request on Slack cannot be
 * approved by bob on Discord, and dave voting on both counts once.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossPlatformIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String CHANNEL = "C0DEPLOYS";
  private static final String ALICE_SLACK = "U0ALICE";
  private static final String BOB_SLACK = "U0BOB";
  private static final String DAVE_SLACK = "U0DAVE";
  private static final FakeDiscord.Person BOB_DISCORD =
      new FakeDiscord.Person("100000000000000002", "bobby", List.of());
  private static final FakeDiscord.Person DAVE_DISCORD =
      new FakeDiscord.Person("100000000000000004", "dave", List.of());

  @TempDir static Path dir;
  private FakeSlack slack;
  private FakeDiscord discord;
  private DemoWorld world;

  @BeforeAll
  void start() throws Exception {
    slack = new FakeSlack();
    discord = new FakeDiscord();
    Path catalog = dir.resolve("both.yaml");
    Files.writeString(catalog, catalog());
    world =
        DemoWorld.start(
            new CatalogLoader(
                SecretResolver.standard(
                    Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-test-token",
                        "SLACK_APP_TOKEN", "xapp-test-token",
                        "DISCORD_TOKEN", "test.discord.token"))),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    world.runtime().start();
    await().atMost(PATIENCE).until(() -> slack.socketMode().openConnections() == 1);
  }

  @AfterAll
  void stop() throws Exception {
    if (world != null) {
      world.close();
    }
    if (slack != null) {
      slack.close();
    }
    if (discord != null) {
      discord.close();
    }
  }

  @Test
  void bobRequestsOnSlackAndHisApprovalFromDiscordIsRefusedAsTheRequesters() {
    slackCommand("/deploy", "gateway p10e-mmc-20260519 --env prod", BOB_SLACK, "t-bob-prod");
    ApprovalStore.Request pending = awaitRequest("deploy gateway p10e-mmc-20260519-d4-webhooks");
    long op = pending.operationId();

    discord.slash(BOB_DISCORD, "approve", Map.of("op", Long.toString(op)));

    awaitThreadReply(pending.messageId(), "you requested this");
    awaitThreadReply(pending.messageId(), "(as " + "bob" + " on slack)");
    assertThat(approvals().votes(op)).isEmpty();
    AuditLog.Event ignored =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    world.database().stores().audit().recent("gateway", 50).stream()
                        .filter(e -> e.action().equals("vote-ignored") && e.operationId() == op)
                        .findFirst()
                        .orElse(null),
                e -> e != null);
    assertThat(ignored.actor().platform()).isEqualTo("discord");
    assertThat(ignored.actor().id()).isEqualTo(BOB_DISCORD.id());
    assertThat(ignored.actor().person()).as("the audit row records the person").isEqualTo("bob");
    assertThat(approvals().forOperation(op).orElseThrow().state()).isEqualTo("pending");

    discord.slash(DAVE_DISCORD, "approve", Map.of("op", Long.toString(op)));
    awaitEdit(pending.messageId(), "succeeded");
  }

  @Test
  void onePersonVotingFromTwoPlatformsCountsOnceTowardTwo() throws Exception {
    slackCommand("/deploy", "dashboard p10e-dash-20260519 --env eu", ALICE_SLACK, "t-alice-eu");
    ApprovalStore.Request pending =
        awaitRequest("deploy dashboard p10e-dash-20260519-brand-fields");
    long op = pending.operationId();

    slackCommand("/approve", Long.toString(op), DAVE_SLACK, "t-dave-slack");
    await().atMost(PATIENCE).until(() -> approvals().votes(op).size() == 1);
    discord.slash(DAVE_DISCORD, "approve", Map.of("op", Long.toString(op)));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                world.database().stores().audit().recent(null, 200).stream()
                    .anyMatch(
                        e ->
                            e.action().equals("command")
                                && e.actor() != null
                                && e.actor().platform().equals("discord")
                                && e.detail().contains("approve " + op)));
    assertThat(world.runtime().engine().awaitIdle(PATIENCE)).isTrue();
    assertThat(approvals().votes(op))
        .singleElement()
        .satisfies(v -> assertThat(v.voter().person()).isEqualTo("dave"));
    assertThat(approvals().forOperation(op).orElseThrow().state()).isEqualTo("pending");

    slackCommand("/approve", Long.toString(op), BOB_SLACK, "t-bob-slack");
    awaitEdit(pending.messageId(), "succeeded");
    assertThat(approvals().votes(op))
        .extracting(v -> v.voter().person())
        .containsExactlyInAnyOrder("dave", "bob");
  }

  @Test
  void whoamiShowsThePersonAndTheirLinkedIds() {
    slackCommand("/whoami", "", DAVE_SLACK, "t-dave-whoami");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                slack.calls().stream()
                    .anyMatch(
                        c ->
                            c.text() != null
                                    && c.text()
                                        .contains(
                                            "person: dave (linked: discord "
                                                + DAVE_DISCORD.id()
                                                + ", slack U0DAVE)")
                                || c.params()
                                    .getOrDefault("blocks", "")
                                    .contains("person: dave (linked: discord")));
  }

  private ApprovalStore approvals() {
    return world.database().stores().approvals();
  }

  private void slackCommand(String command, String text, String user, String trigger) {
    String envelope = "env-" + trigger;
    slack
        .socketMode()
        .slashCommand(envelope, SlackChatContract.slashFields(command, text, user, trigger));
    await().atMost(PATIENCE).until(() -> slack.socketMode().acks().contains(envelope));
  }

  private ApprovalStore.Request awaitRequest(String header) {
    FakeSlack.Call posted =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    slack.calls("chat.postMessage").stream()
                        .filter(
                            c ->
                                c.text() != null
                                    && c.text().contains(header)
                                    && c.threadTs() == null)
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                approvals().pending().stream()
                    .filter(p -> posted.posted().equals(p.messageId()))
                    .findFirst()
                    .orElse(null),
            p -> p != null);
  }

  private void awaitThreadReply(String ts, String text) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                slack.calls("chat.postMessage").stream()
                    .anyMatch(
                        c ->
                            ts.equals(c.threadTs())
                                && c.text() != null
                                && c.text().contains(text)));
  }

  private void awaitEdit(String ts, String text) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                slack.calls("chat.update").stream()
                    .anyMatch(
                        c -> c.ts().equals(ts) && c.status() == 200 && c.text().contains(text)));
  }

  private String catalog() {
    return """
        default-environment: staging
        chat:
          slack:
            team-id: T0001
            app-id: A0001
            insecure: true
            bot-token: env:SLACK_BOT_TOKEN
            app-token: env:SLACK_APP_TOKEN
            api-url: "%s"
          discord:
            insecure: true
            token: env:DISCORD_TOKEN
            guild: "%s"
            api-url: "%s"
            gateway-url: "%s"
        people:
          bob: { slack: %s, discord: "%s" }
          dave: { slack: %s, discord: "%s" }
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
            approvals: { count: 1, from: release-managers, expires: 30m }
          eu:
            cluster: prod
            protected: true
            approvals: { count: 2, from: release-managers, expires: 30m }
        roles:
          developers:
            slack: [%s]
            grants: ["deploy:*", "status:*"]
          release-managers:
            people: [bob, dave]
            grants: ["deploy:*", "approve:prod", "approve:eu", "status:*"]
        services:
          gateway:
            image: synergygroup/coachpilot-gateway
            tag-pattern: 'p10e-mmc-\\d{8}-[a-z0-9-]+'
            targets:
              prod: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
          dashboard:
            image: synergygroup/coachpilot-dashboard
            tag-pattern: 'p10e-dash-\\d{8}-[a-z0-9-]+'
            targets:
              eu: { namespace: coachpilot, deployment: dashboard, container: dashboard }
        demo:
          replicas: 2
          progress-deadline: 10s
          ready-delay: 100ms
          tags:
            gateway:
              - p10e-mmc-20260519-d4-webhooks
            dashboard:
              - p10e-dash-20260519-brand-fields
        """
        .formatted(
            slack.methodsUrl(),
            FakeDiscord.GUILD,
            discord.apiUrl(),
            discord.gatewayUrl(),
            BOB_SLACK,
            BOB_DISCORD.id(),
            DAVE_SLACK,
            DAVE_DISCORD.id(),
            ALICE_SLACK);
  }
}
