package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.Timeline;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walking skeleton end to end, as a person uses it: the demo catalog on simulated clusters, the
 * real fabric8 adapter, the registry over HTTP, embedded PostgreSQL and the console chat. Tests use
 * different services so that they do not depend on each other's order, and each leaves nothing
 * running nor waiting for approval behind it ({@link #endWhatTheTestLeft}).
 */
class DemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  // The demo catalog with a short progress deadline, so that the -slow case ends quickly.
  @RegisterExtension
  static final DemoSession demo =
      DemoSession.of(
          PATIENCE,
          dir ->
              DemoSession.demoCatalog(
                  dir,
                  yaml -> {
                    assertThat(yaml).contains("progress-deadline: 20s");
                    return yaml.replace("progress-deadline: 20s", "progress-deadline: 4s");
                  }));

  /**
   * A request a test left pending (it failed halfway, say) is cancelled and every operation is let
   * end, so that the next test starts in a quiet channel.
   */
  @AfterEach
  void endWhatTheTestLeft() {
    var approvals = demo.world().database().stores().approvals();
    for (var request : approvals.pending()) {
      say("as bob: /cancel " + request.operationId());
    }
    var engine = demo.world().runtime().engine();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                approvals.pending().isEmpty()
                    && engine.runs().runningCount() == 0
                    && engine.dispatcher().inFlight() == 0);
  }

  @Test
  void deployResolvesThePrefixRollsOutVerifiesAndChangesNothingElse() {
    Map<String, String> before = allImages();
    say("/deploy gateway p10e-mmc-20260519 --env staging");
    String last = awaitFinal("deploy gateway p10e-mmc-20260519-d4-webhooks · staging");

    assertThat(last).contains("— succeeded after").contains("✓ verify health (1 check) — healthy");
    String digest =
        demo.world()
            .sim()
            .registry()
            .digestOf("synergygroup/coachpilot-gateway", "p10e-mmc-20260519-d4-webhooks");
    Deployment d = deployment("staging", "coachpilot", "coachpilot-gateway");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getName()).isEqualTo("gateway");
              assertThat(c.getImage())
                  .isEqualTo(
                      "synergygroup/coachpilot-gateway:p10e-mmc-20260519-d4-webhooks@" + digest);
            });
    assertThat(d.getMetadata().getAnnotations().get("kubernetes.io/change-cause"))
        .contains("alice")
        .contains("p10e-mmc-20260519-d4-webhooks")
        .containsPattern("op \\d+");
    Map<String, String> after = allImages();
    after.remove("staging/coachpilot/coachpilot-gateway");
    before.remove("staging/coachpilot/coachpilot-gateway");
    assertThat(after).isEqualTo(before);
  }

  @Test
  void aCrashingTagFailsFastIsRolledBackAndBothAreReportedAndRecorded() {
    String image = image("staging", "assess", "dashboard");
    long started = System.nanoTime();
    say("/deploy quiz v1.7.0-crash --env staging");
    String last = awaitFinal("deploy quiz v1.7.0-crash · staging");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(last)
        .contains("— rolled-back after")
        .contains("✗ roll out 3 replicas — pod dashboard-")
        .contains("CrashLoopBackOff")
        .containsPattern("✓ roll back to revision \\d+ if anything fails")
        .contains("✓ watch the rollback — 3 replicas available");
    // Failed on the pod's reason, not on the progress deadline.
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertThat(demo.transcript().text())
        .containsPattern("CrashLoopBackOff in pod dashboard-[a-z0-9-]+.*last log lines");
    assertThat(image("staging", "assess", "dashboard")).isEqualTo(image);

    // The rollback deleted the crashed pods; --previous still shows the crashed container's log.
    say("/logs quiz --previous");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().text().contains("with CrashLoopBackOff; the pod is gone"));
    assertThat(demo.transcript().lastMessageContaining("the pod is gone"))
        .containsPattern("Logs of dashboard-[a-z0-9-]+ \\(dashboard, the instance that failed op")
        .contains("main.main()");
    List<Timeline.Entry> recent =
        demo.world().database().stores().timeline().recent("quiz", "staging", 5);
    assertThat(recent)
        .first()
        .satisfies(
            e -> {
              assertThat(e.result()).isEqualTo("rolled-back");
              assertThat(e.newImage()).contains("v1.7.0-crash@sha256:");
              assertThat(e.actor().displayName()).isEqualTo("alice");
            });
  }

  @Test
  void theMigrationJobRunsBeforeApiRollsAFailedOneChangesNoPodAndARerunReplacesIt() {
    say("/deploy api 4e1d2c7 --env staging");
    assertThat(awaitFinal("deploy api 4e1d2c7 · staging"))
        .contains("— succeeded after")
        .contains("✓ run migration Job `goose up` with 4e1d2c7 (up to 30m); rolling the code back")
        .containsPattern("Job api-migrate-\\d+ complete");
    assertThat(demo.transcript().text())
        .containsPattern("Migration Job api-migrate-\\d+:")
        .contains("goose: successfully migrated database");
    assertThat(image("staging", "honeydue", "api")).startsWith("honeydue/api:4e1d2c7@");
    assertThat(migrationJobs()).hasSize(1);
    long generation = generation("staging", "honeydue", "api");

    say("/deploy api 5a7c3e0-migfail --env staging");
    assertThat(awaitFinal("deploy api 5a7c3e0-migfail · staging"))
        .contains("— failed after")
        .contains("nothing else was changed")
        .contains("BackoffLimitExceeded");
    assertThat(demo.transcript().text())
        .containsPattern("Migration Job api-migrate-\\d+ failed: BackoffLimitExceeded")
        .contains("failed to run SQL migration");
    assertThat(image("staging", "honeydue", "api")).startsWith("honeydue/api:4e1d2c7@");
    assertThat(generation("staging", "honeydue", "api")).isEqualTo(generation);

    say("/deploy api 6d8e1f2 --env staging");
    assertThat(awaitFinal("deploy api 6d8e1f2 · staging")).contains("— succeeded after");
    assertThat(image("staging", "honeydue", "api")).startsWith("honeydue/api:6d8e1f2@");
    assertThat(migrationJobs())
        .singleElement()
        .satisfies(
            j ->
                assertThat(j.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .startsWith("honeydue/api:6d8e1f2@"));
  }

  private static List<io.fabric8.kubernetes.api.model.batch.v1.Job> migrationJobs() {
    return client("staging").batch().v1().jobs().inNamespace("honeydue").list().getItems().stream()
        .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  @Test
  void aPullFailureIsRolledBack() {
    say("/deploy gateway p10e-mmc-20260520-c8 --env staging");
    assertThat(awaitFinal("deploy gateway p10e-mmc-20260520-c8-pullfail · staging"))
        .containsPattern("ErrImagePull|ImagePullBackOff")
        .contains("— rolled-back after");
  }

  @Test
  void anOutOfMemoryKillIsRolledBack() {
    say("/deploy dashboard p10e-dash-20260521-oom --env staging");
    assertThat(awaitFinal("deploy dashboard p10e-dash-20260521-oom · staging"))
        .contains("OOMKilled")
        .contains("— rolled-back after");
  }

  @Test
  void aRolloutPastItsProgressDeadlineIsRolledBack() {
    say("/deploy gateway p10e-mmc-20260520-c9 --env staging");
    assertThat(awaitFinal("deploy gateway p10e-mmc-20260520-c9-slow · staging"))
        .contains("exceeded its progress deadline")
        .contains("— rolled-back after");
  }

  @Test
  void aFailedHealthCheckIsRolledBack() {
    say("/deploy gateway p10e-mmc-20260521-e1 --env staging");
    assertThat(awaitFinal("deploy gateway p10e-mmc-20260521-e1-unhealthy · staging"))
        .contains("✓ roll out 3 replicas")
        .contains("✗ verify health (1 check) — ")
        .contains("answered 503")
        .contains("— rolled-back after");
  }

  @Test
  void aRollbackCommandUndoesTheLastDeploy() {
    say("/deploy agent sha-7b4d0e9 --env staging --strategy rolling");
    awaitFinal("deploy agent sha-7b4d0e9 · staging");
    say("/rollback agent --env staging");
    assertThat(awaitFinal("rollback agent to revision 1 · staging")).contains("— succeeded after");
    assertThat(image("staging", "az", "adaptive-assessment")).endsWith(":sha-3f9c2a1");
    say("/history agent --env staging");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("History of agent in staging"));
    assertThat(demo.transcript().lastMessageContaining("History of agent in staging"))
        .contains("(current)")
        .contains("alice rollback");
  }

  @Test
  void aProdDeployRunsOnlyWhenAnotherPersonWithTheRoleApproves() {
    String before = image("prod", "coachpilot", "coachpilot-gateway");
    say("/deploy gateway p10e-mmc-20260520-c5 --env prod");
    String marker = "deploy gateway p10e-mmc-20260520-c5-calibrate · prod";
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().lastMessageContaining(marker).contains("needs 1 approval"));
    String id = messageId(marker);
    assertThat(demo.transcript().lastMessageContaining(marker))
        .contains("needs 1 approval from release-managers (not alice)");

    say("react " + id + " ✅");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("alice asked for op"));
    say("as carol: react " + id + " ✅");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("carol is not in release-managers"));
    assertThat(image("prod", "coachpilot", "coachpilot-gateway")).isEqualTo(before);

    say("as bob: react " + id + " ✅");
    String last = awaitFinal(marker);
    assertThat(last)
        .contains("— succeeded after")
        .contains("» approved by bob")
        .contains("✓ approval — approved by bob");
    assertThat(image("prod", "coachpilot", "coachpilot-gateway"))
        .contains(":p10e-mmc-20260520-c5-calibrate@sha256:");
  }

  @Test
  void aRejectedRequestRunsNothing() {
    String before = image("prod", "az", "adaptive-assessment");
    say("/deploy agent sha-7b4d0e9 --env prod --strategy rolling");
    String marker = "deploy agent sha-7b4d0e9 · prod";
    awaitRequest(marker);
    say("as dave: /reject " + opId(marker) + " \"not during the sale\"");
    assertThat(awaitFinal(marker))
        .contains("— rejected after")
        .contains("» rejected by dave: not during the sale");
    assertThat(image("prod", "az", "adaptive-assessment")).isEqualTo(before);
  }

  @Test
  void aRollbackLeavesProdLockedUntilUnlock() {
    say("/deploy dashboard p10e-dash-20260520-crash --env prod");
    String marker = "deploy dashboard p10e-dash-20260520-crash · prod";
    awaitRequest(marker);
    say("as bob: /approve " + opId(marker));
    assertThat(awaitFinal(marker)).contains("— rolled-back after");
    await()
        .atMost(PATIENCE)
        .until(
            () -> demo.transcript().contains("dashboard in prod stays locked after this rollback"));

    say("/deploy dashboard p10e-dash-20260519 --env prod");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                demo.transcript()
                    .contains("dashboard in prod is locked by alice: rolled back by op"));
    say("as bob: /unlock dashboard --env prod");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("dashboard in prod is unlocked by bob"));
  }

  @Test
  void aFreezeRefusesDeploysExceptAnnouncedBreakGlassByAnAllowedRole() {
    say("as bob: /freeze prod 1h \"peak hours\"");
    try {
      frozenProd();
    } finally {
      say("as bob: /unfreeze prod");
      await().atMost(PATIENCE).until(() -> demo.transcript().contains("prod is no longer frozen"));
    }
  }

  private void frozenProd() {
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("prod is frozen until"));
    say("/deploy quiz v1.6.6 --env prod");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("prod is frozen by bob until"));
    say("/deploy quiz v1.6.6 --env prod --break-glass \"checkout down\"");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("alice may not break-glass in prod"));

    say("as bob: /deploy quiz v1.6.6 --env prod --break-glass \"checkout down\"");
    String last = awaitFinal("deploy quiz v1.6.6 · prod");
    assertThat(last)
        .contains("— succeeded after")
        .contains("🚨 BREAK-GLASS 🚨 bob")
        .doesNotContain("✓ approval");
    assertThat(
            demo.transcript().lines().stream().filter(l -> l.contains("🚨 BREAK-GLASS 🚨")).count())
        .isGreaterThanOrEqualTo(2);
    say("/audit quiz");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("bob break-glass op"));
  }

  @Test
  void aSecondChangeOfTheSameDeploymentWhileOneRunsIsRefused() {
    say("/deploy quiz v1.6.5 --env staging");
    say("/deploy quiz v1.6.6 --env staging");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("quiz in staging is locked by alice for op "));
    // Both arrive at once: one takes the lock; the other is refused, before it is planned or,
    // when both planned in the same instant, by the atomic lock right after (ending failed).
    String five = "deploy quiz v1.6.5 · staging";
    String six = "deploy quiz v1.6.6 · staging";
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                demo.transcript().lastMessageContaining(five).contains("succeeded after")
                    || demo.transcript().lastMessageContaining(six).contains("succeeded after"));
    String winner =
        demo.transcript().lastMessageContaining(five).contains("succeeded after")
            ? "v1.6.5"
            : "v1.6.6";
    String loser = demo.transcript().lastMessageContaining(winner.equals("v1.6.5") ? six : five);
    assertThat(loser)
        .satisfiesAnyOf(
            l -> assertThat(l).isEmpty(),
            l -> assertThat(l).contains("— failed after").contains("locked by alice for op"));
    assertThat(image("staging", "assess", "dashboard")).contains(":" + winner + "@sha256:");
  }

  @Test
  void aRollbackToARevisionThatDoesNotExistIsRefusedBeforeAnythingStarts() {
    long generation = generation("staging", "coachpilot", "dashboard");
    say("/rollback dashboard --env staging --to-revision 99");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("dashboard in staging has no revision 99"));
    assertThat(generation("staging", "coachpilot", "dashboard")).isEqualTo(generation);
  }

  @Test
  void anAmbiguousPrefixListsTheCandidatesAndRunsNothing() {
    long generation = generation("staging", "coachpilot", "coachpilot-gateway");
    say("/deploy gateway p10e-mmc-20260521");
    await()
        .atMost(PATIENCE)
        .until(() -> demo.transcript().contains("start with 'p10e-mmc-20260521'"));
    assertThat(demo.transcript().text())
        .contains(
            "p10e-mmc-20260521-e1-unhealthy, p10e-mmc-20260521-e2-cache, p10e-mmc-20260521-e3-cache-fix");
    assertThat(generation("staging", "coachpilot", "coachpilot-gateway")).isEqualTo(generation);
  }

  @Test
  void aTagMissingFromTheRegistryIsRefusedBeforeTheClusterIsTouched() {
    Map<String, String> before = allImages();
    say("/deploy agent sha-0000000 --env staging");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("no tag 'sha-0000000'"));
    assertThat(demo.transcript().text()).contains("newest tags are:");
    assertThat(allImages()).isEqualTo(before);
  }

  @Test
  void badInputGetsAClearMessageAndChangesNothing() {
    Map<String, Long> before = allGenerations();
    List<String> bad =
        List.of(
            "/frobnicate",
            "/deploy gatewya p10e-mmc-20260519",
            "/deploy gateway p10e:bad",
            "/deploy gateway latest --env prod",
            "/deploy gateway",
            "/deploy gateway p10e-mmc-20260519 --force",
            "as carol: /lock gateway --env prod \"no reason\"",
            "/rollback gateway --to-revision x",
            "/status --env qa",
            "as mallory: /status");
    // The transcript is shared by the tests: count only the answers that come after these inputs.
    int from = demo.transcript().lines().size();
    bad.forEach(this::say);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                demo.transcript().lines().stream()
                        .skip(from)
                        .filter(l -> l.contains("] ✗ "))
                        .count()
                    >= bad.size());
    assertThat(demo.transcript().text())
        .contains("unknown command /frobnicate")
        .contains("did you mean gateway?")
        .contains("'p10e:bad' is not a valid image tag")
        .contains("'latest' is refused in prod")
        .contains("/deploy is missing <tag-or-prefix>")
        .contains("/deploy has no flag --force")
        .contains("carol may not lock in prod: that needs the grant lock:prod")
        .contains("'x' is not a revision number")
        .contains("there is no environment 'qa'")
        .contains("there is no console user 'mallory'");
    assertThat(allGenerations()).isEqualTo(before);
    say("/whoami");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("role developers:"));
  }

  @Test
  void aDryRunPrintsThePlanAndChangesNothing() {
    Map<String, Long> before = allGenerations();
    say("/deploy gateway p10e-mmc-20260519 --env prod --dry-run");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                demo.transcript()
                    .contains("Plan: deploy gateway p10e-mmc-20260519-d4-webhooks in prod"));
    assertThat(demo.transcript().text())
        .contains("dry run: nothing was changed")
        .contains("target: prod/coachpilot/deployment/coachpilot-gateway (container gateway)");
    assertThat(allGenerations()).isEqualTo(before);
  }

  @Test
  void helpIsGeneratedFromTheCommandTable() {
    say("/help");
    await().atMost(PATIENCE).until(() -> demo.transcript().contains("Deckhand commands"));
    for (var spec : Engine.COMMANDS) {
      assertThat(demo.transcript().text()).contains(spec.usage());
    }
  }

  private static void awaitRequest(String marker) {
    demo.awaitRequest(marker);
  }

  /** The console id of the message whose first line contains {@code marker}: {@code m12}. */
  private static String messageId(String marker) {
    String first =
        demo.transcript().lastMessageContaining(marker).lines().findFirst().orElseThrow();
    return first.substring(1, first.indexOf(first.contains(" edit]") ? " edit]" : "]"));
  }

  /** The operation id shown in that message's header: {@code op 12 · ...}. */
  private static String opId(String marker) {
    return demo.opId(marker);
  }

  private void say(String line) {
    demo.say(line);
  }

  private static String awaitFinal(String marker) {
    return demo.awaitFinal(marker);
  }

  private static KubernetesClient client(String cluster) {
    return demo.client(cluster);
  }

  private static Deployment deployment(String cluster, String ns, String name) {
    return demo.deployment(cluster, ns, name);
  }

  private static String image(String cluster, String ns, String name) {
    return demo.image(cluster, ns, name);
  }

  private static long generation(String cluster, String ns, String name) {
    return deployment(cluster, ns, name).getMetadata().getGeneration();
  }

  private static Map<String, String> allImages() {
    Map<String, String> images = new TreeMap<>();
    for (String cluster : List.of("staging", "prod")) {
      for (Deployment d : client(cluster).apps().deployments().inAnyNamespace().list().getItems()) {
        images.put(
            cluster + "/" + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(),
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
      }
    }
    return images;
  }

  private static Map<String, Long> allGenerations() {
    Map<String, Long> generations = new TreeMap<>();
    for (String cluster : List.of("staging", "prod")) {
      for (Deployment d : client(cluster).apps().deployments().inAnyNamespace().list().getItems()) {
        generations.put(
            cluster + "/" + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(),
            d.getMetadata().getGeneration());
      }
    }
    return generations;
  }
}
