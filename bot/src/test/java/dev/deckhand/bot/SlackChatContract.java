package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.bot.slack.FakeSlack.Call;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.ApprovalStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What the Slack adapter does the same in Socket Mode and in HTTP mode, end to end: deliveries
 * through the transport under test, the real engine on simulated clusters, {@link FakeSlack} as the
 * Web API. Each test uses its own service or environment so that none depends on another's order.
 * Subclasses say how a slash command and an event reach the bot.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SlackChatContract {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final Duration ACK = Duration.ofSeconds(3);
  static final String SECRET = "test-signing-secret";
  static final String CHANNEL = "C0DEPLOYS";
  static final String ALICE = "U0ALICE";
  static final String BOB = "U0BOB";
  static final String CAROL = "U0CAROL";
  static final String DAVE = "U0DAVE";
  static final String RELEASE_GROUP = "S0RELEASE";

  @TempDir static Path dir;
  FakeSlack fake;
  DemoWorld world;

  /** The {@code chat.slack} keys of the mode under test, one a line. */
  abstract String slackKeys();

  /** Called once the runtime has started. */
  void started() throws Exception {}

  /** Delivers a slash command and checks it was acknowledged in time. */
  abstract void command(String command, String text, String user, String trigger) throws Exception;

  /** Delivers a {@code reaction_added} event; {@code attempt} 0 is the first delivery. */
  abstract void reaction(String eventId, String user, String ts, int attempt) throws Exception;

  /**
   * Delivers a slash command (its form fields) or an event callback (its JSON) that the bot must
   * refuse, and checks the transport's answer: 401 over HTTP, an acknowledgement in Socket Mode (so
   * that Slack does not deliver it again).
   */
  abstract void refused(Map<String, String> command, String event) throws Exception;

  @BeforeAll
  void start() throws Exception {
    fake = new FakeSlack();
    fake.userGroup(RELEASE_GROUP, DAVE);
    Path catalog = dir.resolve("slack.yaml");
    Files.writeString(catalog, catalog(fake.methodsUrl(), slackKeys()));
    world =
        DemoWorld.start(
            new CatalogLoader(
                SecretResolver.standard(
                    Map.of(
                        "SLACK_BOT_TOKEN",
                        "xoxb-test-token",
                        "SLACK_SIGNING_SECRET",
                        SECRET,
                        "SLACK_APP_TOKEN",
                        "xapp-test-token"))),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    world.runtime().start();
    assertThat(fake.calls("auth.test")).hasSize(1);
    started();
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void aDeployToStagingIsAcknowledgedPostedAndEditedToSucceeded() throws Exception {
    command("/deploy", "gateway p10e-mmc-20260519 --env staging", ALICE, "trigger-staging-1");

    Call posted = awaitPost("deploy gateway p10e-mmc-20260519-d4-webhooks · staging");
    assertThat(posted.channel()).isEqualTo(CHANNEL);
    awaitEdit(posted.posted(), "succeeded");
  }

  @Test
  void theDeckhandCommandRunsTheSameCommands() throws Exception {
    command("/deckhand", "whoami", ALICE, "trigger-whoami-1");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postMessage").stream()
                    .anyMatch(c -> content(c).contains("user: alice")));
  }

  @Test
  void aProdDeployIsApprovedByAReleaseManagersReactionOnly() throws Exception {
    command("/deploy", "dashboard p10e-dash-20260519 --env prod", ALICE, "trigger-dash-prod");
    Call request = awaitPost("deploy dashboard p10e-dash-20260519-brand-fields · prod");
    ApprovalStore.Request pending = awaitApprovalRequest(request.posted());

    reaction("Ev0SELF", ALICE, pending.messageId(), 0);
    reaction("Ev0CAROL", CAROL, pending.messageId(), 0);
    awaitThreadReply(pending.messageId(), "U0ALICE asked for op " + pending.operationId());
    awaitThreadReply(pending.messageId(), "U0CAROL is not in release-managers");
    assertThat(world.database().stores().approvals().votes(pending.operationId())).isEmpty();

    reaction("Ev0BOBDASH", BOB, pending.messageId(), 0);
    awaitEdit(pending.messageId(), "succeeded");
    assertThat(world.database().stores().approvals().votes(pending.operationId()))
        .extracting(v -> v.voter().id())
        .containsExactly(BOB);
  }

  @Test
  void eachDeliveryRunsOnceHoweverOftenItArrives() throws Exception {
    for (int i = 0; i < 4; i++) {
      command("/deploy", "gateway p10e-mmc-20260520 --env prod", ALICE, "trigger-prod-1");
    }
    Call request = awaitPost("deploy gateway p10e-mmc-20260520-c5-calibrate · prod");
    ApprovalStore.Request pending = awaitApprovalRequest(request.posted());

    for (int i = 0; i < 4; i++) {
      reaction("Ev0APPROVE1", BOB, pending.messageId(), i);
    }
    awaitEdit(pending.messageId(), "succeeded");
    assertThat(world.database().stores().approvals().votes(pending.operationId())).hasSize(1);
    assertThat(posts("deploy gateway p10e-mmc-20260520-c5-calibrate · prod")).hasSize(1);
  }

  @Test
  void aUserGroupMemberHasTheGroupsRole() throws Exception {
    command("/whoami", "", DAVE, "trigger-dave-whoami");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postMessage").stream()
                    .anyMatch(
                        c ->
                            content(c).contains("slack id " + DAVE)
                                && content(c).contains("role release-managers")));
    assertThat(fake.calls("usergroups.users.list"))
        .extracting(c -> c.params().get("usergroup"))
        .contains(RELEASE_GROUP);
  }

  @Test
  void errorsAndHelpGoOnlyToWhoeverTypedThem() throws Exception {
    command("/deploy", "gatewy p10e-mmc-20260519", CAROL, "trigger-typo");
    command("/help", "", CAROL, "trigger-help");

    Call error = awaitEphemeral("did you mean gateway");
    Call help = awaitEphemeral("Deckhand commands");
    assertThat(List.of(error, help))
        .allSatisfy(
            c -> {
              assertThat(c.params()).containsEntry("user", CAROL).containsEntry("channel", CHANNEL);
            });
    assertThat(fake.calls("chat.postMessage"))
        .noneMatch(
            c ->
                content(c).contains("did you mean gateway")
                    || content(c).contains("Deckhand commands"));
  }

  @Test
  void requestsAndEventsOfAnotherWorkspaceOrAppRunNothing() throws Exception {
    Logger pin = (Logger) LoggerFactory.getLogger("dev.deckhand.bot.slack.WorkspacePin");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    pin.addAppender(logged);
    try {
      String text = "dashboard p10e-dash-20260515 --env staging";
      Map<String, String> otherTeam = slashFields("/deploy", text, ALICE, "t-other-team");
      otherTeam.put("team_id", "T9999\nforged line");
      Map<String, String> otherApp = slashFields("/deploy", text, ALICE, "t-other-app");
      otherApp.put("api_app_id", "A9999");
      refused(otherTeam, null);
      refused(otherApp, null);

      command("/deploy", "gateway p10e-mmc-20260518 --env prod", ALICE, "t-pinned-prod");
      Call request = awaitPost("deploy gateway p10e-mmc-20260518-c6-mode-keys · prod");
      ApprovalStore.Request pending = awaitApprovalRequest(request.posted());
      String ts = pending.messageId();
      refused(null, reactionEvent("Ev0OTHERTEAM", BOB, ts).replace("\"T0001\"", "\"T9999\""));
      refused(null, reactionEvent("Ev0OTHERAPP", BOB, ts).replace("\"A0001\"", "\"A9999\""));
      await().atMost(PATIENCE).until(() -> world.runtime().engine().dispatcher().inFlight() == 0);
      ApprovalStore approvals = world.database().stores().approvals();
      assertThat(approvals.votes(pending.operationId()))
          .as("a release manager's ✅ from another workspace or app is no vote")
          .isEmpty();

      reaction("Ev0PINNEDBOB", BOB, ts, 0);
      awaitEdit(ts, "succeeded");
      assertThat(approvals.votes(pending.operationId())).hasSize(1);
      assertThat(posts("deploy dashboard p10e-dash-20260515-tenant-themes · staging")).isEmpty();
      var deliveries = world.database().stores().deliveries();
      for (String never : List.of("t-other-team", "t-other-app", "Ev0OTHERTEAM", "Ev0OTHERAPP")) {
        assertThat(deliveries.firstTime("slack:" + never))
            .as("%s never reached the engine", never)
            .isTrue();
      }
      assertThat(logged.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(
              m ->
                  m.startsWith(
                      "refused a Slack Command from workspace T9999\\u000aforged line (chat.slack.team-id is T0001)"))
          .anyMatch(
              m ->
                  m.startsWith(
                      "refused a Slack Command for app A9999 (chat.slack.app-id is A0001)"))
          .anyMatch(m -> m.startsWith("refused a Slack Event from workspace T9999 "))
          .anyMatch(m -> m.startsWith("refused a Slack Event for app A9999 "))
          .noneMatch(m -> m.contains("\n"));
    } finally {
      pin.detachAppender(logged);
    }
  }

  /** What a message shows: its fallback text and its blocks (as the JSON sent). */
  static String content(Call c) {
    return (c.text() == null ? "" : c.text()) + "\n" + c.params().getOrDefault("blocks", "");
  }

  Call awaitPost(String header) {
    return await().atMost(PATIENCE).until(() -> posts(header), p -> !p.isEmpty()).get(0);
  }

  Call awaitEphemeral(String text) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postEphemeral").stream()
                    .filter(c -> content(c).contains(text))
                    .findFirst()
                    .orElse(null),
            c -> c != null);
  }

  void awaitEdit(String ts, String text) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.update").stream()
                    .anyMatch(
                        c -> c.ts().equals(ts) && c.status() == 200 && c.text().contains(text)));
  }

  void awaitThreadReply(String ts, String text) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postMessage").stream()
                    .anyMatch(
                        c ->
                            ts.equals(c.threadTs())
                                && c.text() != null
                                && c.text().contains(text)));
  }

  ApprovalStore.Request awaitApprovalRequest(String messageId) {
    ApprovalStore approvals = world.database().stores().approvals();
    ApprovalStore.Request r =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    approvals.pending().stream()
                        .filter(p -> messageId.equals(p.messageId()))
                        .findFirst()
                        .orElse(null),
                p -> p != null);
    assertThat(r.conversation()).isEqualTo(CHANNEL);
    return r;
  }

  List<Call> posts(String header) {
    return fake.calls("chat.postMessage").stream()
        .filter(c -> c.text() != null && c.text().contains(header) && c.threadTs() == null)
        .toList();
  }

  static Map<String, String> slashFields(String command, String text, String user, String trigger) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", "legacy-verification-token");
    fields.put("team_id", "T0001");
    fields.put("api_app_id", "A0001");
    fields.put("channel_id", CHANNEL);
    fields.put("channel_name", "deploys");
    fields.put("user_id", user);
    fields.put("user_name", user.substring(2).toLowerCase(java.util.Locale.ROOT));
    fields.put("command", command);
    fields.put("text", text);
    fields.put("response_url", "https://hooks.slack.invalid/commands/1");
    fields.put("trigger_id", trigger);
    return fields;
  }

  static String reactionEvent(String eventId, String user, String ts) {
    return """
        {"token":"t","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
         "event_id":"%s","event_time":1767225600,
         "event":{"type":"reaction_added","user":"%s","reaction":"white_check_mark",
                  "item_user":"U0BOT","item":{"type":"message","channel":"%s","ts":"%s"},
                  "event_ts":"1767225600.000100"}}
        """
        .formatted(eventId, user, CHANNEL, ts);
  }

  private static String catalog(String api, String slackKeys) {
    return """
        default-environment: staging
        chat:
          slack:
        %s
            team-id: T0001
            app-id: A0001
            api-url: "%s"
            insecure: true
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
            slack: [%s, %s]
            grants: ["deploy:*", "status:*", "history:*"]
          release-managers:
            slack: [%s, %s]
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
              prod: { namespace: coachpilot, deployment: dashboard, container: dashboard }
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
        .formatted(
            slackKeys.lines().map(l -> "    " + l.strip()).collect(Collectors.joining("\n")),
            api,
            CHANNEL,
            ALICE,
            CAROL,
            BOB,
            RELEASE_GROUP);
  }
}
