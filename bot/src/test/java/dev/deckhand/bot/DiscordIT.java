package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.discord.FakeDiscord;
import dev.deckhand.bot.discord.FakeDiscord.Call;
import dev.deckhand.bot.discord.FakeDiscord.Person;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.ApprovalStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Discord end to end: JDA against {@link FakeDiscord} (REST and gateway on loopback), the real
 * engine on simulated clusters and an embedded PostgreSQL. Each test uses its own service or
 * environment so that they do not depend on each other's order.
 */
@Timeout(180)
class DiscordIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  static final Person ALICE = new Person("100000000000000001", "alice", List.of());
  static final Person BOB =
      new Person("100000000000000002", "bob", List.of(FakeDiscord.RELEASE_MANAGERS));
  static final Person CAROL = new Person("100000000000000003", "carol", List.of());
  static final Person DAVE =
      new Person("100000000000000004", "dave", List.of(FakeDiscord.RELEASE_MANAGERS));

  @TempDir static Path dir;
  static FakeDiscord fake;
  static DemoWorld world;

  @BeforeAll
  static void start() throws Exception {
    fake = new FakeDiscord();
    world = world(fake, "home", "discord.yaml");
    world.runtime().start();
    assertThat(fake.calls()).anyMatch(c -> c.is("GET", "users/@me"));
    assertThat(fake.calls())
        .anyMatch(c -> c.is("PUT", "guilds/" + FakeDiscord.GUILD + "/commands"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (world != null) {
      world.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void aDeployIsDeferredWithinTheDeadlinePostedAndEditedToSucceeded() {
    long sent = System.nanoTime();
    DataObject interaction =
        fake.slash(
            ALICE,
            "deploy",
            Map.of("service", "gateway", "tag-or-prefix", "p10e-mmc-20260519", "env", "staging"));
    Call deferred =
        await().atMost(DEADLINE).until(() -> callback(interaction.getString("id")), c -> c != null);
    assertThat(deferred.body().getInt("type")).isEqualTo(5);
    assertThat(Duration.ofNanos(deferred.nanos() - sent)).isLessThan(DEADLINE);

    Call posted =
        await()
            .atMost(PATIENCE)
            .until(
                () -> firstPost("deploy gateway p10e-mmc-20260519-d4-webhooks · staging"),
                c -> c != null);
    await()
        .atMost(PATIENCE)
        .until(
            () -> edits(posted.posted()).stream().anyMatch(c -> c.footer().endsWith("succeeded")));
    // the deferred reply points at the live message, which is a regular channel message
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls().stream()
                    .anyMatch(
                        c ->
                            c.is("PATCH", "webhooks/" + FakeDiscord.APP)
                                && c.path().endsWith("@original")
                                && c.body().getString("content", "").contains(posted.posted())));
  }

  @Test
  void aProdDeployWaitsForAReleaseManagersReactionAndIgnoresOthers() {
    fake.slash(
        ALICE,
        "deploy",
        Map.of("service", "gateway", "tag-or-prefix", "p10e-mmc-20260520", "env", "prod"));
    ApprovalStore approvals = world.database().stores().approvals();
    ApprovalStore.Request request =
        await()
            .atMost(PATIENCE)
            .until(() -> approvals.pending().stream().findFirst().orElse(null), r -> r != null);
    assertThat(request.conversation()).isEqualTo(FakeDiscord.CHANNEL);

    fake.react(ALICE, request.messageId(), "✅", true);
    fake.react(CAROL, request.messageId(), "✅", true);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                repliesTo(request.messageId()).stream()
                        .map(Call::description)
                        .filter(
                            d -> d.contains("alice asked for op") || d.contains("carol is not in"))
                        .count()
                    == 2);
    assertThat(approvals.votes(request.operationId())).isEmpty();

    fake.react(BOB, request.messageId(), "✅", true);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                edits(request.messageId()).stream()
                    .anyMatch(c -> c.status() == 200 && c.footer().endsWith("succeeded")));
    assertThat(approvals.votes(request.operationId())).hasSize(1);
  }

  @Test
  void aCommandOrAReactionFromAnotherServerRunsNothing() {
    Logger pin = (Logger) LoggerFactory.getLogger("dev.deckhand.bot.discord.GuildPin");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    pin.addAppender(logged);
    try {
      DataObject interaction =
          fake.slashIn(
              FakeDiscord.OTHER_GUILD,
              FakeDiscord.OTHER_CHANNEL,
              ALICE,
              "deploy",
              Map.of("service", "quiz", "tag-or-prefix", "v2.0.0", "env", "staging"));
      String id = interaction.getString("id");
      Call answer = await().atMost(PATIENCE).until(() -> callback(id), c -> c != null);
      assertThat(answer.body().getInt("type")).as("a reply, not a deferral").isEqualTo(4);
      assertThat(answer.body().getObject("data").getInt("flags") & 64)
          .as("ephemeral")
          .isEqualTo(64);
      assertThat(answer.body().getObject("data").getString("content"))
          .isEqualTo("This bot serves another server.");

      fake.reactIn(
          FakeDiscord.OTHER_GUILD,
          FakeDiscord.OTHER_CHANNEL,
          BOB,
          FakeDiscord.freshId(),
          "✅",
          true);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  logged.list.stream()
                      .anyMatch(
                          e -> e.getFormattedMessage().startsWith("ignored a Discord reaction")));
      await().atMost(PATIENCE).until(() -> world.runtime().engine().dispatcher().inFlight() == 0);
      assertThat(world.database().stores().deliveries().firstTime("discord:" + id))
          .as("the interaction never reached the engine")
          .isTrue();
      assertThat(posts("deploy quiz v2.0.0")).isEmpty();
      assertThat(fake.calls())
          .noneMatch(
              c ->
                  c.path().startsWith("webhooks/")
                      && c.path().contains(interaction.getString("token")));
      assertThat(logged.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .contains(
              "ignored a Discord slash command from server "
                  + FakeDiscord.OTHER_GUILD
                  + " by user "
                  + ALICE.id()
                  + " (chat.discord.guild is "
                  + FakeDiscord.GUILD
                  + "); nothing run",
              "ignored a Discord reaction from server "
                  + FakeDiscord.OTHER_GUILD
                  + " by user "
                  + BOB.id()
                  + " (chat.discord.guild is "
                  + FakeDiscord.GUILD
                  + "); nothing run");
    } finally {
      pin.detachAppender(logged);
    }
  }

  @Test
  void autocompleteOffersServicesAndTheNewestTagsWithinTheDeadline() {
    String services = fake.autocomplete(ALICE, "deploy", Map.of(), "service", "gat");
    Call answer = await().atMost(DEADLINE).until(() -> callback(services), c -> c != null);
    assertThat(answer.body().getInt("type")).isEqualTo(8);
    assertThat(choices(answer)).containsExactly("gateway");

    String tags =
        fake.autocomplete(
            ALICE, "deploy", Map.of("service", "dashboard"), "tag-or-prefix", "p10e-dash-2026");
    Call tagAnswer = await().atMost(DEADLINE).until(() -> callback(tags), c -> c != null);
    assertThat(choices(tagAnswer))
        .containsExactly("p10e-dash-20260519-brand-fields", "p10e-dash-20260515-tenant-themes");
  }

  @Test
  void editsRefusedWith429WaitForRetryAfterAndTheFinalStateArrives() throws Exception {
    assertThat(world.runtime().engine().awaitIdle(PATIENCE)).isTrue();
    fake.refuseEdits(5);
    try {
      fake.slash(
          ALICE, "deploy", Map.of("service", "quiz", "tag-or-prefix", "v2.1.0", "env", "staging"));
      Call posted =
          await()
              .atMost(PATIENCE)
              .until(() -> firstPost("deploy quiz v2.1.0 · staging"), c -> c != null);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  edits(posted.posted()).stream()
                      .anyMatch(c -> c.status() == 200 && c.footer().endsWith("succeeded")));
      List<Call> edits = edits(posted.posted());
      assertThat(edits).anyMatch(c -> c.status() == 429);
      for (int i = 0; i < edits.size(); i++) {
        Call refused = edits.get(i);
        if (refused.status() != 429) {
          continue;
        }
        long notBefore = refused.nanos() + refused.retryAfter().toNanos();
        assertThat(
                fake.calls().stream()
                    .filter(c -> c.is("PATCH", "channels/" + FakeDiscord.CHANNEL + "/messages/"))
                    .filter(c -> c.nanos() > refused.nanos() && c.nanos() < notBefore))
            .as("edits to the channel within the Retry-After of a 429")
            .isEmpty();
      }
      for (int i = 1; i < edits.size(); i++) {
        assertThat(Duration.ofNanos(edits.get(i).nanos() - edits.get(i - 1).nanos()))
            .as("edits of one message never come in a burst of queued states")
            .isGreaterThan(Duration.ofMillis(900));
      }
      Call last = edits.get(edits.size() - 1);
      assertThat(last.status()).isEqualTo(200);
      assertThat(last.footer()).endsWith("succeeded");
    } finally {
      fake.refuseEdits(0);
    }
  }

  @Test
  void aLiveMessageOlderThanFiftyMinutesIsContinuedInAFreshMessageThatLinksIt() {
    String header = "deploy ledger v1.1.0 · staging";
    fake.agePostsTitled(header, Duration.ofMinutes(51));
    fake.slash(
        ALICE, "deploy", Map.of("service", "ledger", "tag-or-prefix", "v1.1.0", "env", "staging"));
    Call old = await().atMost(PATIENCE).until(() -> firstPost(header), c -> c != null);
    String link =
        "https://discord.com/channels/"
            + FakeDiscord.GUILD
            + "/"
            + FakeDiscord.CHANNEL
            + "/"
            + old.posted();

    Call continuation = await().atMost(PATIENCE).until(() -> continuationOf(link), c -> c != null);
    assertThat(continuation.title()).contains(header);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                edits(continuation.posted()).stream()
                    .anyMatch(c -> c.status() == 200 && c.footer().endsWith("succeeded")));

    assertThat(edits(old.posted())).as("the old message is not edited any more").isEmpty();
    assertThat(posts(header))
        .as("one continuation; later states edit it in place")
        .extracting(Call::posted)
        .containsExactly(old.posted(), continuation.posted());
    List<Call> edits = edits(continuation.posted());
    assertThat(edits.get(edits.size() - 1).footer()).endsWith("succeeded");
  }

  @Test
  void aWithdrawnReactionOfARoleHolderWithdrawsTheirVote() {
    String header = "deploy ledger v1.2.0 · eu";
    fake.slash(
        ALICE, "deploy", Map.of("service", "ledger", "tag-or-prefix", "v1.2.0", "env", "eu"));
    Call posted = await().atMost(PATIENCE).until(() -> firstPost(header), c -> c != null);
    ApprovalStore approvals = world.database().stores().approvals();
    ApprovalStore.Request request =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    approvals.pending().stream()
                        .filter(r -> r.messageId().equals(posted.posted()))
                        .findFirst()
                        .orElse(null),
                r -> r != null);
    long op = request.operationId();

    fake.react(BOB, posted.posted(), "✅", true);
    await().atMost(PATIENCE).until(() -> voters(op).equals(List.of(BOB.id())));
    await()
        .atMost(PATIENCE)
        .until(() -> latestDescription(posted.posted()).contains("approved so far by bob"));

    // Discord's MESSAGE_REACTION_REMOVE carries no member, so no roles: matched on the user only
    fake.react(BOB, posted.posted(), "✅", false);
    await().atMost(PATIENCE).until(() -> voters(op).isEmpty());
    await()
        .atMost(PATIENCE)
        .until(() -> !latestDescription(posted.posted()).contains("approved so far"));

    fake.react(DAVE, posted.posted(), "✅", true);
    await().atMost(PATIENCE).until(() -> voters(op).equals(List.of(DAVE.id())));
    await()
        .atMost(PATIENCE)
        .until(() -> latestDescription(posted.posted()).contains("approved so far by dave"));
    assertThat(approvals.forOperation(op).orElseThrow().state())
        .as("bob's withdrawn vote no longer counts towards the two needed")
        .isEqualTo("pending");

    fake.react(BOB, posted.posted(), "✅", true);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                edits(posted.posted()).stream()
                    .anyMatch(c -> c.status() == 200 && c.footer().endsWith("succeeded")));
    assertThat(voters(op)).containsExactlyInAnyOrder(DAVE.id(), BOB.id());
  }

  @Test
  void aPostRefusedWith429IsRetriedByJdaAfterRetryAfterAndNotLost() {
    String header = "deploy notes v1.0.0 · staging";
    fake.refusePosts(1, Duration.ofSeconds(2));
    try {
      fake.slash(
          ALICE, "deploy", Map.of("service", "notes", "tag-or-prefix", "v1.0.0", "env", "staging"));
      Call posted = await().atMost(PATIENCE).until(() -> firstPost(header), c -> c != null);
      List<Call> attempts =
          fake.calls().stream()
              .filter(c -> c.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages"))
              .filter(c -> c.title().contains(header))
              .toList();
      assertThat(attempts).extracting(Call::status).containsExactly(429, 200);
      assertThat(Duration.ofNanos(attempts.get(1).nanos() - attempts.get(0).nanos()))
          .as("JDA waits out the Retry-After before posting again")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  edits(posted.posted()).stream()
                      .anyMatch(c -> c.status() == 200 && c.footer().endsWith("succeeded")));
      assertThat(posts(header)).hasSize(1);
    } finally {
      fake.refusePosts(0, Duration.ZERO);
    }
  }

  @Test
  void aDroppedGatewayResumesAndReplayedOrRepeatedEventsRunOnce() {
    long identifies = fake.gatewayOps(2);
    DataObject first =
        fake.slash(
            ALICE,
            "deploy",
            Map.of(
                "service", "dashboard", "tag-or-prefix", "p10e-dash-20260519", "env", "staging"));
    String header = "deploy dashboard p10e-dash-20260519-brand-fields · staging";
    await().atMost(PATIENCE).until(() -> posts(header).size() == 1);
    fake.repeatInteraction(first);

    // the RESUME replays what was sent while the bot was away, and the last two again
    fake.replayOnResume(2);
    fake.dropGateway();
    fake.slash(ALICE, "whoami", Map.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> fake.gatewayOps(6) >= 1);
    await()
        .atMost(PATIENCE)
        .until(() -> posts("Who you are").size() + answers("Who you are").size() >= 1);

    assertThat(fake.gatewayOps(2)).as("no new IDENTIFY: the session resumed").isEqualTo(identifies);
    assertThat(posts(header)).hasSize(1);
    assertThat(answers("Who you are")).hasSize(1);
    assertThat(
            fake.calls().stream()
                .filter(c -> c.path().contains("interactions/" + first.getString("id"))))
        .as("the repeated interaction is not acknowledged twice")
        .hasSize(1);
  }

  @Test
  void aVoteThatArrivesWhileTheRestartedBotStillResumesIsCountedOnceTheResumeHasEnded()
      throws Exception {
    try (FakeDiscord restarting = new FakeDiscord()) {
      ApprovalStore.Request request;
      // The first process: a prod deploy waits for approval; the process stops leaving a board
      // open, which the next start edits (and the fake holds) before anything resumes.
      String board = FakeDiscord.freshId();
      try (DemoWorld first = world(restarting, "restart-home", "restart.yaml")) {
        first.runtime().start();
        restarting.slash(
            ALICE,
            "deploy",
            Map.of("service", "gateway", "tag-or-prefix", "p10e-mmc-20260520", "env", "prod"));
        ApprovalStore approvals = first.database().stores().approvals();
        request =
            await()
                .atMost(PATIENCE)
                .until(() -> approvals.pending().stream().findFirst().orElse(null), r -> r != null);
        first.database().stores().boards().opened(new MessageRef(FakeDiscord.CHANNEL, board));
      }

      restarting.holdEditsOf(board);
      try (DemoWorld second = world(restarting, "restart-home", "restart.yaml")) {
        CompletableFuture<Integer> starting =
            CompletableFuture.supplyAsync(() -> second.runtime().start());
        await().atMost(PATIENCE).until(() -> restarting.editHeld(board) || starting.isDone());
        assertThat(starting).as("the start waits for the left board's edit").isNotDone();

        // Discord is connected and the resume is under way: an eligible approver's ✅ arrives.
        restarting.react(BOB, request.messageId(), "✅", true);
        var dispatcher = second.runtime().engine().dispatcher();
        await().atMost(PATIENCE).until(() -> dispatcher.held() == 1);
        ApprovalStore approvals = second.database().stores().approvals();
        assertThat(approvals.votes(request.operationId())).isEmpty();
        assertThat(starting).as("the resume is still running").isNotDone();

        restarting.answerEdits(board);
        assertThat(starting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    restarting.calls().stream()
                        .filter(c -> c.is("PATCH", "messages/" + request.messageId()))
                        .anyMatch(c -> c.status() == 200 && c.footer().endsWith("succeeded")));
        assertThat(approvals.votes(request.operationId()))
            .singleElement()
            .satisfies(v -> assertThat(v.voter().displayName()).isEqualTo("bob"));
        assertThat(dispatcher.held()).isZero();
      }
    }
  }

  @Test
  void aRefusedTokenStopsTheStartWithAClearError() throws Exception {
    try (FakeDiscord refused = new FakeDiscord()) {
      refused.refuseToken();
      try (DemoWorld other = world(refused, "refused-home", "refused.yaml")) {
        assertThatThrownBy(() -> other.runtime().start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Discord refused the bot token (chat.discord.token)")
            .hasMessageNotContaining("test.discord.token");
        assertThat(refused.calls()).extracting(Call::path).containsExactly("users/@me");
      }
    }
  }

  private static DemoWorld world(FakeDiscord discord, String home, String file) throws Exception {
    Path catalog = dir.resolve(file);
    Files.writeString(catalog, catalog(discord));
    return DemoWorld.start(
        new CatalogLoader(SecretResolver.standard(Map.of("DISCORD_TOKEN", "test.discord.token"))),
        catalog,
        dir.resolve(home),
        Engine.Settings.defaults(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static Call callback(String interactionId) {
    return fake.calls().stream()
        .filter(c -> c.is("POST", "interactions/" + interactionId + "/"))
        .findFirst()
        .orElse(null);
  }

  private static List<String> choices(Call answer) {
    var array = answer.body().getObject("data").getArray("choices");
    return java.util.stream.IntStream.range(0, array.length())
        .mapToObj(i -> array.getObject(i).getString("value"))
        .toList();
  }

  private static Call firstPost(String title) {
    List<Call> found = posts(title);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Call> posts(String title) {
    return fake.calls().stream()
        .filter(c -> c.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages"))
        .filter(c -> c.status() == 200)
        .filter(c -> c.title().contains(title) && !c.body().hasKey("message_reference"))
        .toList();
  }

  private static List<Call> answers(String title) {
    return fake.calls().stream()
        .filter(c -> c.path().startsWith("webhooks/") && c.title().contains(title))
        .toList();
  }

  private static List<Call> edits(String messageId) {
    return fake.calls().stream()
        .filter(c -> c.is("PATCH", "channels/" + FakeDiscord.CHANNEL + "/messages/" + messageId))
        .toList();
  }

  private static Call continuationOf(String link) {
    return fake.calls().stream()
        .filter(c -> c.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages"))
        .filter(c -> c.status() == 200 && c.body().getString("content", "").contains(link))
        .findFirst()
        .orElse(null);
  }

  /** The description the message shows after its latest successful edit, or "". */
  private static String latestDescription(String messageId) {
    List<Call> done = edits(messageId).stream().filter(c -> c.status() == 200).toList();
    return done.isEmpty() ? "" : done.get(done.size() - 1).description();
  }

  private static List<String> voters(long operationId) {
    return world.database().stores().approvals().votes(operationId).stream()
        .map(v -> v.voter().id())
        .toList();
  }

  private static List<Call> repliesTo(String messageId) {
    return fake.calls().stream()
        .filter(c -> c.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages"))
        .filter(
            c ->
                c.body()
                    .optObject("message_reference")
                    .map(r -> messageId.equals(r.getString("message_id", "")))
                    .orElse(false))
        .toList();
  }

  private static String catalog(FakeDiscord discord) {
    return """
        default-environment: staging
        chat:
          discord:
            token: env:DISCORD_TOKEN
            guild: "%s"
            api-url: "%s"
            gateway-url: "%s"
            insecure: true
        registries:
          default: { url: "${sim.registry}" }
        clusters:
          staging: { context: staging }
          prod: { context: prod }
        environments:
          staging: { cluster: staging }
          eu:
            cluster: prod
            protected: true
            channels: ["%s"]
            approvals: { count: 2, from: release-managers, expires: 30m }
          prod:
            cluster: prod
            protected: true
            channels: ["%s"]
            approvals: { count: 1, from: release-managers, expires: 30m }
        roles:
          developers:
            discord: ["%s", "%s"]
            grants: ["deploy:*", "status:*", "history:*"]
          release-managers:
            discord: ["%s"]
            grants: ["deploy:*", "approve:prod", "approve:eu", "status:*", "history:*"]
        services:
          gateway:
            image: synergygroup/coachpilot-gateway
            tag-pattern: 'p10e-mmc-\\d{8}-[a-z0-9-]+'
            targets:
              staging: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
              prod: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
          dashboard:
            image: synergygroup/coachpilot-dashboard
            tag-pattern: 'p10e-dash-\\d{8}-[a-z0-9-]+'
            targets:
              staging: { namespace: coachpilot, deployment: dashboard, container: dashboard }
          quiz:
            image: synergygroup/quiz
            targets:
              staging: { namespace: quiz, deployment: quiz, container: quiz }
          ledger:
            image: synergygroup/ledger
            targets:
              staging: { namespace: ledger, deployment: ledger, container: ledger }
              eu: { namespace: ledger, deployment: ledger, container: ledger }
          notes:
            image: synergygroup/notes
            targets:
              staging: { namespace: notes, deployment: notes, container: notes }
        demo:
          replicas: 3
          progress-deadline: 20s
          ready-delay: 700ms
          tags:
            gateway:
              - p10e-mmc-20260518-c6-mode-keys
              - p10e-mmc-20260519-d4-webhooks
              - p10e-mmc-20260520-c5-calibrate
            dashboard:
              - p10e-dash-20260515-tenant-themes
              - p10e-dash-20260519-brand-fields
            quiz:
              - v2.0.9
              - v2.1.0
            ledger:
              - v1.0.0
              - v1.1.0
              - v1.2.0
            notes:
              - v0.9.0
              - v1.0.0
        """
        .formatted(
            FakeDiscord.GUILD,
            discord.apiUrl(),
            discord.gatewayUrl(),
            FakeDiscord.CHANNEL,
            FakeDiscord.CHANNEL,
            ALICE.id(),
            CAROL.id(),
            FakeDiscord.RELEASE_MANAGERS);
  }
}
