package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.CAROL;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.rollout.PodProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code /logs}, {@code /events}, {@code /describe}: read-only, granted, bounded, redacted. */
class LookCommandsTest {
  private static final RoleSpec VIEWERS =
      new RoleSpec(
          "viewers", Map.of("console", List.of("alice")), List.of("logs:staging", "status:*"));

  private static EngineFixture world() {
    return EngineFixture.builder().role(VIEWERS).build();
  }

  @Test
  void aShortLogIsAnsweredInPlaceWithItsPodAndContainer() {
    try (EngineFixture world = world()) {
      world.cluster.logLines(List.of("INFO starting", "INFO listening on :8080"));

      world.submitAs(ALICE, "/logs gateway --env staging", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.title()).isEqualTo("Logs of coachpilot-gateway-new (gateway) in staging");
      assertThat(answer.lines()).containsExactly("INFO starting", "INFO listening on :8080");
      assertThat(world.cluster.logQueries())
          .containsExactly(
              new LogQuery(Optional.empty(), LogQuery.DEFAULT_TAIL, false, Optional.empty()));
    }
  }

  @Test
  void aLongLogGoesIntoAThreadInBlocksAndSecretsAreMasked() {
    try (EngineFixture world = world()) {
      List<String> lines =
          IntStream.rangeClosed(1, 150)
              .mapToObj(i -> "line " + i)
              .collect(java.util.stream.Collectors.toList());
      lines.set(149, "token=xoxb-1234567890-abcdefghij leaked");
      world.cluster.logLines(lines);

      world.submitAs(
          ALICE,
          "/logs gateway --env staging --tail 150 --previous --since 10m --container gateway",
          "d1");

      eventually().until(() -> world.chat.threads().size() == 2);
      assertThat(world.chat.posts())
          .extracting(p -> p.reply())
          .contains(
              new Reply.Text(
                  "Logs of coachpilot-gateway-new (gateway, previous instance) in staging: the"
                      + " last 150 lines, in the thread."));
      List<Reply.Listing> blocks =
          world.chat.threads().stream().map(t -> (Reply.Listing) t.reply()).toList();
      assertThat(blocks)
          .extracting(Reply.Listing::title)
          .containsExactly("lines 1–100 of 150", "lines 101–150 of 150");
      assertThat(blocks.get(0).lines()).hasSize(100).startsWith("line 1");
      assertThat(blocks.get(1).lines()).hasSize(50).doesNotContain(lines.get(149));
      assertThat(String.join("\n", blocks.get(1).lines())).doesNotContain("xoxb-1234567890");
      assertThat(world.cluster.logQueries())
          .containsExactly(
              new LogQuery(Optional.of("gateway"), 150, true, Optional.of(Duration.ofMinutes(10))));
    }
  }

  @Test
  void aPrivateKeyStraddlingTwoMessagesIsMaskedWhole() {
    try (EngineFixture world = world()) {
      List<String> lines =
          IntStream.rangeClosed(1, 120)
              .mapToObj(i -> "line " + i)
              .collect(java.util.stream.Collectors.toList());
      // Lines 99-102: the block's second body line opens the second message.
      lines.set(98, "-----BEGIN RSA PRIVATE KEY-----");
      lines.set(99, "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun");
      lines.set(100, "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK");
      lines.set(101, "-----END RSA PRIVATE KEY-----");
      world.cluster.logLines(lines);

      world.submitAs(ALICE, "/logs gateway --env staging --tail 120", "d1");

      eventually().until(() -> world.chat.threads().size() == 2);
      String shown =
          world.chat.threads().stream()
              .flatMap(t -> ((Reply.Listing) t.reply()).lines().stream())
              .collect(java.util.stream.Collectors.joining("\n"));
      assertThat(shown).doesNotContain("MIIEowIBAAKCAQEAu1SU1").doesNotContain("VTLw7onLRnrq0");
      assertThat(shown).contains("line 98", "line 103");
    }
  }

  @Test
  void previousAfterAnAutomaticRollbackShowsTheKeptLinesOfTheCrashedContainerRedacted()
      throws Exception {
    try (EngineFixture world = EngineFixture.builder().role(VIEWERS).healthAttempts(0).build()) {
      world.cluster.logLines(
          List.of("panic: config missing", "DATABASE_URL=postgres://app:hunter2secret@db/app"));
      world.submit("/deploy gateway " + EngineFixture.NEW_TAG + " --env staging");
      world.awaitSetImage();
      world.cluster.failPod(
          STAGING,
          new PodProblem("coachpilot-gateway-7d9f-x2k4l", "gateway", "CrashLoopBackOff", "", 3));
      world.awaitUndo();
      world.cluster.rollOut(STAGING);
      long op = world.awaitFinished().id();
      // The rollback deleted the crashed pods: the cluster has no previous instance any more.
      world.cluster.noPreviousInstance();
      world.cluster.logLines(List.of("INFO healthy again"));

      world.submitAs(ALICE, "/logs gateway --env staging --previous", "d-prev");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.title())
          .isEqualTo(
              "Logs of coachpilot-gateway-7d9f-x2k4l (gateway, the instance that failed op "
                  + op
                  + " with CrashLoopBackOff; the pod is gone, these lines were kept by Deckhand"
                  + " when it failed) in staging");
      assertThat(answer.lines()).hasSize(2).first().isEqualTo("panic: config missing");
      assertThat(String.join("\n", answer.lines())).doesNotContain("hunter2secret");
    }
  }

  @Test
  void previousWithoutAKeptCrashSaysThereIsNoPreviousInstance() {
    try (EngineFixture world = world()) {
      world.cluster.noPreviousInstance();
      world.submitAs(ALICE, "/logs gateway --env staging --previous", "d1");
      assertThat(world.awaitAnswer(Reply.Problem.class).problem())
          .contains("has no previous instance");
    }
  }

  @Test
  void badFlagsSayWhatToTypeAndReadNothing() {
    try (EngineFixture world = world()) {
      world.submitAs(ALICE, "/logs gateway --env staging --tail 0", "d1");
      world.submitAs(ALICE, "/logs gateway --env staging --since 5x", "d2");
      world.submitAs(ALICE, "/logs gateway --env staging --container Side_Car", "d3");
      world.submitAs(ALICE, "/logs gateway --env staging --tail many", "d4");

      eventually()
          .until(
              () ->
                  world.chat.answers().stream().filter(Reply.Problem.class::isInstance).count()
                      == 4);
      assertThat(world.chat.answers())
          .filteredOn(Reply.Problem.class::isInstance)
          .extracting(r -> ((Reply.Problem) r).problem())
          .containsExactlyInAnyOrder(
              "--tail is between 1 and 500",
              "'5x' is not a duration",
              "'Side_Car' is not a container name",
              "'many' is not a number of lines");
      assertThat(world.cluster.logQueries()).isEmpty();
    }
  }

  @Test
  void logsNeedTheLogsGrant() {
    try (EngineFixture world = world()) {
      world.submitAs(CAROL, "/logs gateway --env staging", "d1");

      assertThat(world.awaitAnswer(Reply.Problem.class).problem())
          .contains("needs the grant logs:staging");
      assertThat(world.cluster.logQueries()).isEmpty();
    }
  }

  @Test
  void eventsComeNewestFirstWithTheirCountAndAge() {
    try (EngineFixture world = world()) {
      Instant now = Instant.parse("2026-05-19T10:00:00Z");
      world.cluster.events(
          List.of(
              new ClusterEvent(
                  now.minusSeconds(5),
                  "Warning",
                  "BackOff",
                  "Pod/coachpilot-gateway-new",
                  "Back-off restarting failed container gateway",
                  3),
              new ClusterEvent(
                  now.minusSeconds(65),
                  "Normal",
                  "ScalingReplicaSet",
                  "Deployment/coachpilot-gateway",
                  "Scaled up replica set coachpilot-gateway-7d9f from 0 to 1",
                  1)));

      world.submitAs(ALICE, "/events gateway --env staging", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.title()).isEqualTo("Events of coachpilot-gateway in staging, newest first");
      assertThat(answer.lines())
          .containsExactly(
              "5 s ago · Warning BackOff · Pod/coachpilot-gateway-new (×3): Back-off restarting"
                  + " failed container gateway",
              "1 min 5 s ago · Normal ScalingReplicaSet · Deployment/coachpilot-gateway: Scaled up"
                  + " replica set coachpilot-gateway-7d9f from 0 to 1");
    }
  }

  @Test
  void noEventsIsSaid() {
    try (EngineFixture world = world()) {
      world.submitAs(ALICE, "/events gateway --env staging", "d1");

      assertThat(world.awaitAnswer(Reply.Text.class).text())
          .startsWith("Events of coachpilot-gateway in staging: none");
    }
  }

  @Test
  void describeListsReplicasConditionsImagesAndPods() {
    try (EngineFixture world = world()) {
      world.submitAs(ALICE, "/describe gateway --env staging", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.title()).isEqualTo("Deployment coachpilot-gateway in staging");
      assertThat(answer.lines().get(0)).matches("replicas: \\d+ desired, .* available");
      assertThat(answer.lines())
          .anyMatch(l -> l.startsWith("condition Available=True (MinimumReplicasAvailable)"))
          .anyMatch(l -> l.startsWith("container gateway: synergygroup/coachpilot-gateway:"))
          .anyMatch(l -> l.startsWith("pod coachpilot-gateway-new: Running, ready, 0 restarts"));
    }
  }

  @Test
  void describeAndEventsNeedTheStatusGrant() {
    try (EngineFixture world = world()) {
      world.submitAs(CAROL, "/describe gateway --env staging", "d1");

      assertThat(world.awaitAnswer(Reply.Problem.class).problem())
          .contains("needs the grant status:staging");
    }
  }

  @Test
  void readingIsNotBoundToTheEnvironmentsChannelsButChangingIs() {
    try (EngineFixture world =
        EngineFixture.builder().role(VIEWERS).prodChannels(List.of("#ops-only")).build()) {
      world.submitAs(ALICE, "/describe gateway --env prod", "d1");

      assertThat(world.awaitAnswer(Reply.Listing.class).title())
          .isEqualTo("Deployment coachpilot-gateway in prod");

      world.submitAs(ALICE, "/restart gateway --env prod", "d2");

      assertThat(world.awaitAnswer(Reply.Problem.class).problem())
          .startsWith("prod is changed only from #ops-only");
    }
  }

  @Test
  void verifyRunsTheChecksNowAndSaysHealthy() {
    try (EngineFixture world = world()) {
      world.submitAs(ALICE, "/verify gateway --env staging", "d1");

      assertThat(world.awaitAnswer(Reply.Text.class).text())
          .isEqualTo("gateway in staging is healthy: 1 check passed.");
      assertThat(world.probe.calls()).containsExactly(EngineFixture.HEALTH);
    }
  }

  @Test
  void verifyListsFailedChecksAfterTheirAttempts() {
    try (EngineFixture world = world()) {
      world.probe.answer(new dev.deckhand.commands.ports.HealthProbe.Result(false, "503"));

      world.submitAs(ALICE, "/verify gateway --env staging", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.title())
          .isEqualTo("gateway in staging is NOT healthy: 1 of 1 check failed");
      assertThat(answer.lines()).containsExactly(EngineFixture.HEALTH + ": 503");
      assertThat(world.probe.calls()).hasSize(2);
    }
  }

  @Test
  void verifyWithoutChecksSaysHowToAddThem() {
    try (EngineFixture world = world()) {
      world.submitAs(ALICE, "/verify gateway --env prod", "d1");

      Reply.Problem answer = world.awaitAnswer(Reply.Problem.class);
      assertThat(answer.problem()).isEqualTo("gateway in prod has no health checks");
      assertThat(answer.hint()).startsWith("add verify: to the service");
      assertThat(world.probe.calls()).isEmpty();
    }
  }

  @Test
  void verifyNeedsTheStatusGrant() {
    try (EngineFixture world = world()) {
      world.submitAs(CAROL, "/verify gateway --env staging", "d1");

      assertThat(world.awaitAnswer(Reply.Problem.class).problem())
          .contains("needs the grant status:staging");
      assertThat(world.probe.calls()).isEmpty();
    }
  }

  @Test
  void aClusterErrorOfAReadOnlyCommandDoesNotTalkOfChanges() {
    try (EngineFixture world = world()) {
      world.cluster.failReads(
          new dev.deckhand.commands.ports.ClusterException(
              "deployment coachpilot/coachpilot-gateway not found in cluster staging"));

      world.submitAs(ALICE, "/describe gateway --env staging", "d1");

      Reply.Problem answer = world.awaitAnswer(Reply.Problem.class);
      assertThat(answer.problem())
          .isEqualTo("deployment coachpilot/coachpilot-gateway not found in cluster staging");
      assertThat(answer.hint()).isEqualTo("this command only reads; /status shows what runs there");
    }
  }

  @Test
  void imagesListsTheNewestTagsWithDigestAgeAndWhereEachRuns() {
    try (EngineFixture world = world()) {
      String fresh =
          world.registry.digest(EngineFixture.IMAGE, EngineFixture.NEW_TAG).orElseThrow();
      world.registry.config(
          fresh,
          new dev.deckhand.commands.ports.ImageConfig(
              "linux", "amd64", Optional.of(Instant.parse("2026-05-17T09:00:00Z")), Map.of()));
      String running =
          world.registry.digest(EngineFixture.IMAGE, EngineFixture.RUNNING_TAG).orElseThrow();

      world.submitAs(ALICE, "/images gateway", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.title())
          .isEqualTo("Images of gateway (synergygroup/coachpilot-gateway), newest first");
      assertThat(answer.lines())
          .containsExactly(
              "p10e-mmc-20260520-e2-fix  "
                  + short12(world, "p10e-mmc-20260520-e2-fix")
                  + "  age unknown",
              "p10e-mmc-20260520-e1-quiz  "
                  + short12(world, "p10e-mmc-20260520-e1-quiz")
                  + "  age unknown",
              EngineFixture.NEW_TAG + "  " + fresh.substring(0, 19) + "  2 d old",
              EngineFixture.RUNNING_TAG
                  + "  "
                  + running.substring(0, 19)
                  + "  age unknown  ← runs in staging, prod",
              EngineFixture.PREVIOUS_TAG
                  + "  "
                  + short12(world, EngineFixture.PREVIOUS_TAG)
                  + "  age unknown",
              "staging runs " + EngineFixture.RUNNING_TAG + "@" + running.substring(0, 19),
              "prod runs " + EngineFixture.RUNNING_TAG + "@" + running.substring(0, 19));
    }
  }

  @Test
  void imagesShowsOnlyTheEnvironmentsTheAskerMayRead() {
    RoleSpec stagingOnly =
        new RoleSpec(
            "staging-viewers", Map.of("console", List.of("dave")), List.of("status:staging"));
    try (EngineFixture world = EngineFixture.builder().role(VIEWERS).role(stagingOnly).build()) {
      world.submitAs(EngineFixture.DAVE, "/images gateway", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.lines())
          .anySatisfy(l -> assertThat(l).startsWith("staging runs "))
          .noneSatisfy(l -> assertThat(l).contains("prod"));
    }
  }

  @Test
  void imagesSaysWhenTheRegistryCannotAnswerAndStillShowsWhatRuns() {
    try (EngineFixture world = world()) {
      world.registry.failWith(
          new dev.deckhand.commands.ports.RegistryException("registry answered 503"));

      world.submitAs(ALICE, "/images gateway", "d1");

      Reply.Listing answer = world.awaitAnswer(Reply.Listing.class);
      assertThat(answer.lines())
          .startsWith("the registry could not list the tags: registry answered 503")
          .anySatisfy(l -> assertThat(l).startsWith("prod runs " + EngineFixture.RUNNING_TAG));
    }
  }

  private static String short12(EngineFixture world, String tag) {
    return world.registry.digest(EngineFixture.IMAGE, tag).orElseThrow().substring(0, 19);
  }
}
