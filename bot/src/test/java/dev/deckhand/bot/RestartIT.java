package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.DemoSettings;
import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.kubesim.KubeSim;
import dev.deckhand.kubesim.SimOptions;
import dev.deckhand.store.Database;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of DESIGN §7, kept by a real {@code kill -9}: the bot runs as a JVM of its own
 * ({@code deckhand run}) on a simulated prod cluster and a PostgreSQL that both live in this test,
 * is killed with SIGKILL and started again on the same store, cluster and {@code DECKHAND_HOME}. A
 * rollout cut in the middle ends in the same chat message; an approval asked before the kill is
 * given after it.
 */
class RestartIT {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration PATIENCE = Duration.ofSeconds(40);
  // One pod at a time (3 replicas, 25 % surge, none unavailable), each ready after this: a prod
  // rollout takes about 12 s, so the bot is killed in the middle and is back (a JVM start, 2-4 s
  // here) before the last pod is even created.
  private static final Duration POD_READY = Duration.ofSeconds(6);
  private static final String GATEWAY_TAG = "p10e-mmc-20260519-d4-webhooks";
  private static final String QUIZ_TAG = "v1.6.5";
  private static final String CANARY_TAG = "sha-7b4d0e9";
  // A canary in prod: a pod ready after POD_READY each, a 12 s hold, the promotion's rollout.
  private static final Duration CANARY_PATIENCE = Duration.ofSeconds(150);
  private static final String RELEASE_FROM = "0f0f0f0";
  private static final String RELEASE_TO = "a1b2c3d";

  @TempDir static Path dir;
  static Database database;
  static KubeSim sim;
  static Path catalog;
  // One console for the whole class, as on a real machine: message ids never start over.
  static Path home;

  private final List<BotProcess> bots = new ArrayList<>();

  @BeforeAll
  static void startTheWorld() throws Exception {
    // The store outlives every bot process: it runs here, the bot reaches it by URL.
    database = Database.embedded(dir.resolve("db"));
    sim =
        KubeSim.start(
            List.of("staging", "prod"),
            SimOptions.defaults().withPodReadyDelay(POD_READY).withProgressDeadlineSeconds(60));
    Path kubeconfig = dir.resolve("kubeconfig");
    sim.writeKubeconfig(kubeconfig);
    home = Files.createDirectories(dir.resolve("home"));
    catalog = dir.resolve("deckhand.yaml");
    DemoFiles.copyTo(dir);
    Files.writeString(catalog, catalogYaml(kubeconfig));
    LoadedConfig config =
        new CatalogLoader(SecretResolver.standard(Map.of())).load(catalog, Map.of());
    seed(config, config.demo().orElseThrow(), List.of("gateway", "quiz", "agent"));
  }

  @AfterEach
  void stopBots() throws InterruptedException {
    for (BotProcess bot : bots) {
      bot.close();
    }
  }

  @AfterAll
  static void stopTheWorld() {
    try {
      if (sim != null) {
        sim.close();
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  @Test
  void aRolloutCutByKillNineEndsInTheSameMessageAfterARestart() throws Exception {
    BotProcess first = bot();
    first.say("/deploy gateway p10e-mmc-20260519 --env prod");
    Matcher request = awaitPost(first, "deploy gateway " + GATEWAY_TAG + " · prod · by alice");
    String message = request.group(1);
    long op = Long.parseLong(request.group(2));
    first.awaitOutput(
        PATIENCE, out -> assertThat(lastEdit(out, message)).contains("needs 1 approval"));

    first.say("as bob: /approve " + op);
    String pinned = "synergygroup/coachpilot-gateway:" + GATEWAY_TAG + "@sha256:";
    first.awaitOutput(
        PATIENCE,
        out -> {
          assertThat(lastEdit(out, message)).contains("— running").contains("▶ roll out 3");
          assertThat(image(gateway())).startsWith(pinned);
        });
    long killedAt = System.nanoTime();
    assertThat(first.kill()).as("exit code of a SIGKILL").isEqualTo(BotProcess.KILLED);
    Deployment atKill = gateway();
    assertThat(atKill.getStatus().getUpdatedReplicas())
        .as("the kill landed in the middle of the rollout")
        .isLessThan(3);
    assertThat(first.transcript().text()).doesNotContain("succeeded after");
    assertThat(state(op)).isEqualTo(OperationState.RUNNING);

    BotProcess second = bot();
    second.awaitOutput(
        STARTUP, out -> assertThat(out).contains("Picked up 1 unfinished operation(s)"));
    Deployment atRestart = gateway();
    System.out.printf(
        "RestartIT: op %d in %s, back %d ms after the kill with %s/3 pods updated%n",
        op,
        message,
        (System.nanoTime() - killedAt) / 1_000_000,
        atRestart.getStatus().getUpdatedReplicas());
    assertThat(atRestart.getStatus().getUpdatedReplicas())
        .as("the bot was back before the rollout ended (else raise POD_READY)")
        .isLessThan(3);
    // The restarted bot holds the deployment for op N: nobody starts a second change meanwhile.
    second.say("as carol: /deploy gateway p10e-mmc-20260520-c5 --env prod");
    second.awaitOutput(
        PATIENCE,
        out -> assertThat(out).contains("✗ gateway in prod is locked by alice for op " + op));
    second.awaitOutput(
        PATIENCE,
        out ->
            assertThat(out)
                .contains("[" + message + " edit] op " + op + " · deploy gateway " + GATEWAY_TAG)
                .contains("↳" + message + "] Deckhand restarted and picked up op " + op));
    second.awaitOutput(
        PATIENCE, out -> assertThat(lastEdit(out, message)).contains("succeeded after"));

    String last = lastEdit(second.transcript().text(), message);
    assertThat(last)
        .startsWith(
            "["
                + message
                + " edit] op "
                + op
                + " · deploy gateway "
                + GATEWAY_TAG
                + " · prod · by alice — succeeded after")
        .contains("» approved by bob")
        .contains("✓ approval — approved by bob")
        .contains("✓ roll out 3 replicas — 3 replicas available")
        .contains("✓ verify health (1 check) — healthy");
    // The resumed run watched the rollout to its end: no new rollout, no rollback.
    assertThat(gateway().getMetadata().getGeneration())
        .isEqualTo(atKill.getMetadata().getGeneration());
    assertThat(image(gateway())).startsWith(pinned);
    assertThat(state(op)).isEqualTo(OperationState.SUCCEEDED);
    assertThat(timeline("gateway").stream().filter(e -> e.operationId() == op))
        .singleElement()
        .satisfies(e -> assertThat(e.result()).isEqualTo("succeeded"));
    assertThat(database.stores().locks().holder("gateway", "prod")).isEmpty();
    assertThat(second.endInput()).as("exit code at end of input").isZero();
    assertNoNewMessageReusesAnId(first, second);
  }

  @Test
  void anApprovalAskedBeforeKillNineIsGivenAfterTheRestart() throws Exception {
    String before = image(quiz());
    BotProcess first = bot();
    first.say("/deploy quiz " + QUIZ_TAG + " --env prod");
    Matcher request = awaitPost(first, "deploy quiz " + QUIZ_TAG + " · prod · by alice");
    String message = request.group(1);
    long op = Long.parseLong(request.group(2));
    // The request is stored once the message shows who must approve.
    first.awaitOutput(
        PATIENCE,
        out ->
            assertThat(lastEdit(out, message)).contains("needs 1 approval from release-managers"));
    assertThat(first.kill()).as("exit code of a SIGKILL").isEqualTo(BotProcess.KILLED);
    assertThat(state(op)).isEqualTo(OperationState.PENDING_APPROVAL);

    BotProcess second = bot();
    second.awaitOutput(
        STARTUP, out -> assertThat(out).contains("Picked up 1 unfinished operation(s)"));
    // The requester's own ✅ still does not count after a restart...
    second.say("as alice: react " + message + " ✅");
    second.awaitOutput(
        PATIENCE,
        out ->
            assertThat(out)
                .containsPattern(
                    "\\[m\\d+ ↳"
                        + message
                        + "\\] alice asked for op "
                        + op
                        + "; a requester's own approval does not count\\."));
    assertThat(image(quiz())).isEqualTo(before);
    assertThat(state(op)).isEqualTo(OperationState.PENDING_APPROVAL);

    // ...and a release manager's ✅ on the message posted by the killed process runs it.
    second.say("as bob: react " + message + " ✅");
    second.awaitOutput(
        PATIENCE, out -> assertThat(lastEdit(out, message)).contains("succeeded after"));

    assertThat(lastEdit(second.transcript().text(), message))
        .startsWith(
            "["
                + message
                + " edit] op "
                + op
                + " · deploy quiz "
                + QUIZ_TAG
                + " · prod · by alice — succeeded after")
        .contains("✓ approval — approved by bob")
        .contains("✓ verify health (1 check) — healthy");
    assertThat(image(quiz())).startsWith("synergygroup/moneyquiz-admin:" + QUIZ_TAG + "@sha256:");
    assertThat(state(op)).isEqualTo(OperationState.SUCCEEDED);
    assertThat(timeline("quiz").stream().filter(e -> e.operationId() == op)).hasSize(1);
    assertThat(database.stores().locks().holder("quiz", "prod")).isEmpty();
    assertThat(second.endInput()).as("exit code at end of input").isZero();
    assertNoNewMessageReusesAnId(first, second);
  }

  @Test
  void aReleaseCutByKillNineInWave2FinishesAfterARestartWithoutRollingAnythingTwice()
      throws Exception {
    Path release = releaseCatalog();
    for (String s : List.of("api", "worker", "web")) {
      sim.registry().addTags("honeydue/" + s, RELEASE_FROM, RELEASE_TO);
    }
    List<CompletableFuture<?>> seeded = new ArrayList<>();
    for (String s : List.of("api", "worker", "web")) {
      seeded.add(
          CompletableFuture.runAsync(
              () ->
                  sim.seedDeployment(
                      "staging", "honeydue", s, s, "honeydue/" + s + ":" + RELEASE_FROM, 3)));
    }
    CompletableFuture.allOf(seeded.toArray(CompletableFuture[]::new)).join();
    Map<String, Long> seededAt = new java.util.HashMap<>();
    for (String s : List.of("api", "worker", "web")) {
      seededAt.put(s, honeydue(s).getMetadata().getGeneration());
    }

    BotProcess first = bot(release);
    first.say("/deploy-all " + RELEASE_TO + " --env staging");
    Matcher post = awaitPost(first, "deploy-all " + RELEASE_TO + " in staging");
    String message = post.group(1);
    long op = Long.parseLong(post.group(2));
    // Wave 1 (api, worker) has rolled and wave 2 (web) is rolling when the bot dies.
    first.awaitOutput(
        PATIENCE,
        out ->
            assertThat(image(honeydue("web")))
                .startsWith("honeydue/web:" + RELEASE_TO + "@sha256:"));
    assertThat(first.kill()).as("exit code of a SIGKILL").isEqualTo(BotProcess.KILLED);
    Map<String, Long> atKill = new java.util.HashMap<>();
    for (String s : List.of("api", "worker", "web")) {
      atKill.put(s, honeydue(s).getMetadata().getGeneration());
      assertThat(atKill.get(s))
          .as("%s's image was set once before the kill", s)
          .isEqualTo(seededAt.get(s) + 1);
    }
    // Wave 2 had started (web's image was set) and the release had not ended: the middle.
    assertThat(first.transcript().text()).doesNotContain("succeeded after");
    assertThat(state(op)).isEqualTo(OperationState.RUNNING);
    System.out.printf(
        "RestartIT: release op %d killed with web at %s%n", op, honeydue("web").getStatus());

    BotProcess second = bot(release);
    second.awaitOutput(
        STARTUP, out -> assertThat(out).contains("Picked up 1 unfinished operation(s)"));
    second.awaitOutput(
        PATIENCE, out -> assertThat(lastEdit(out, message)).contains("succeeded after"));

    for (String s : List.of("api", "worker", "web")) {
      assertThat(image(honeydue(s))).startsWith("honeydue/" + s + ":" + RELEASE_TO + "@sha256:");
      assertThat(honeydue(s).getMetadata().getGeneration())
          .as("%s was not rolled again after the restart", s)
          .isEqualTo(atKill.get(s));
      assertThat(
              database.stores().timeline().recent(s, "staging", 20).stream()
                  .filter(e -> e.operationId() == op))
          .as("%s is in the timeline once for the release", s)
          .singleElement()
          .satisfies(e -> assertThat(e.result()).isEqualTo("succeeded"));
      assertThat(database.stores().locks().holder(s, "staging")).isEmpty();
    }
    assertThat(state(op)).isEqualTo(OperationState.SUCCEEDED);
    assertThat(lastEdit(second.transcript().text(), message))
        .doesNotContain("rolled back")
        .contains("api")
        .contains("worker")
        .contains("web");
    assertThat(second.endInput()).as("exit code at end of input").isZero();
    assertNoNewMessageReusesAnId(first, second);
  }

  @Test
  void aCanaryCutByKillNineDuringAHoldResumesAtThatHoldWithoutApplyingAnythingTwice()
      throws Exception {
    Path canary = canaryCatalog();
    BotProcess first = bot(canary);
    first.say("/deploy agent " + CANARY_TAG + " --env prod");
    Matcher request =
        awaitPost(first, "deploy agent " + CANARY_TAG + " (canary) · prod · by alice");
    String message = request.group(1);
    long op = Long.parseLong(request.group(2));
    first.awaitOutput(
        PATIENCE, out -> assertThat(lastEdit(out, message)).contains("needs 1 approval"));
    first.say("as bob: /approve " + op);
    first.awaitOutput(
        CANARY_PATIENCE,
        out ->
            assertThat(lastEdit(out, message))
                .contains("✓ send 5 % of the traffic to the canary")
                .contains("▶ hold 12 s at 5 %")
                .contains("passed: error rate"));
    assertThat(first.kill()).as("exit code of a SIGKILL").isEqualTo(BotProcess.KILLED);
    String routeAtKill = route().getMetadata().getResourceVersion();
    long canaryAtKill = agent("adaptive-assessment-canary").getMetadata().getGeneration();
    assertThat(canaryWeight()).isEqualTo(5);
    assertThat(state(op)).isEqualTo(OperationState.RUNNING);

    BotProcess second = bot(canary);
    second.awaitOutput(
        STARTUP, out -> assertThat(out).contains("Picked up 1 unfinished operation(s)"));
    // The same hold is judged again (from its start) and ends; until then nothing wrote the route
    // or the canary again: the resumed run began at the hold, not at the weights before it.
    second.awaitOutput(
        CANARY_PATIENCE,
        out ->
            assertThat(lastEdit(out, message))
                .contains("✓ hold 12 s at 5 %")
                .contains("passed; last: error rate"));
    assertThat(route().getMetadata().getResourceVersion()).isEqualTo(routeAtKill);
    assertThat(agent("adaptive-assessment-canary").getMetadata().getGeneration())
        .isEqualTo(canaryAtKill);

    second.awaitOutput(
        CANARY_PATIENCE, out -> assertThat(lastEdit(out, message)).contains("succeeded after"));
    assertThat(lastEdit(second.transcript().text(), message))
        .contains("✓ hold 12 s at 5 %")
        .contains("✓ 100 %: adaptive-assessment gets " + CANARY_TAG)
        .contains("the canary is deleted");
    assertThat(image(agent("adaptive-assessment")))
        .startsWith("synergygroup/adaptive-assessment:" + CANARY_TAG + "@sha256:");
    assertThat(agent("adaptive-assessment-canary")).isNull();
    assertThat(state(op)).isEqualTo(OperationState.SUCCEEDED);
    assertThat(timeline("agent").stream().filter(e -> e.operationId() == op)).hasSize(1);
    assertThat(second.endInput()).as("exit code at end of input").isZero();
  }

  /** The demo catalog with agent's canary in two steps and a hold long enough to land a kill in. */
  private static Path canaryCatalog() throws Exception {
    String yaml = Files.readString(catalog);
    String planned = "steps: [5, 25, 50, 100]\n      hold: 6s";
    assertThat(yaml).contains(planned);
    Path file = dir.resolve("canary.yaml");
    Files.writeString(file, yaml.replace(planned, "steps: [5, 100]\n      hold: 12s"));
    return file;
  }

  private static io.fabric8.kubernetes.api.model.GenericKubernetesResource route() {
    return sim.cluster("prod")
        .client()
        .genericKubernetesResources(
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup("traefik.io")
                .withVersion("v1alpha1")
                .withKind("IngressRoute")
                .withPlural("ingressroutes")
                .withNamespaced(true)
                .build())
        .inNamespace("az")
        .withName("adaptive-assessment")
        .get();
  }

  /** The weight the IngressRoute gives the canary's Service. */
  @SuppressWarnings("unchecked")
  private static Object canaryWeight() {
    Map<String, Object> spec = (Map<String, Object>) route().getAdditionalProperties().get("spec");
    Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("routes")).get(0);
    return ((List<Map<String, Object>>) rule.get("services"))
        .stream()
            .filter(b -> "adaptive-assessment-canary".equals(b.get("name")))
            .findFirst()
            .map(b -> b.get("weight"))
            .orElse(null);
  }

  private static Deployment agent(String name) {
    return deployment("az", name);
  }

  /** A bot on the shared catalog, store and home; stopped after the test whatever happens. */
  private BotProcess bot() throws Exception {
    return bot(catalog);
  }

  private BotProcess bot(Path catalog) throws Exception {
    BotProcess bot = BotProcess.start(catalog, home);
    bots.add(bot);
    bot.awaitOutput(STARTUP, out -> assertThat(out).contains("Deckhand is running with"));
    return bot;
  }

  /** Waits for the first post of an operation's live message; groups: message id, op id. */
  private static Matcher awaitPost(BotProcess bot, String header) {
    Pattern post = Pattern.compile("(?m)^\\[(m\\d+)\\] op (\\d+) · " + Pattern.quote(header));
    bot.awaitOutput(PATIENCE, out -> assertThat(out).containsPattern(post));
    Matcher m = post.matcher(bot.transcript().text());
    assertThat(m.find()).isTrue();
    return m;
  }

  /** The last version of a message as printed: its latest edit, or its post if never edited. */
  private static String lastEdit(String transcript, String message) {
    List<String> lines = transcript.lines().toList();
    String found = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("[" + message + " edit] ") || line.startsWith("[" + message + "] ")) {
        StringBuilder m = new StringBuilder(line).append('\n');
        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith(" "); j++) {
          m.append(lines.get(j)).append('\n');
        }
        found = m.toString();
      }
    }
    return found;
  }

  /** Every message the restarted bot posted has a number above those of the killed one. */
  private static void assertNoNewMessageReusesAnId(BotProcess killed, BotProcess restarted) {
    List<Long> old = postedIds(killed.transcript().text());
    List<Long> fresh = postedIds(restarted.transcript().text());
    assertThat(old).isNotEmpty();
    assertThat(fresh)
        .isNotEmpty()
        .allSatisfy(
            id -> assertThat(id).isGreaterThan(old.stream().max(Long::compare).orElseThrow()));
  }

  private static List<Long> postedIds(String transcript) {
    Matcher m = Pattern.compile("(?m)^\\[m(\\d+)(?:\\]| ↳)").matcher(transcript);
    List<Long> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  private static OperationState state(long op) {
    return database.stores().operations().find(op).map(OperationRecord::state).orElseThrow();
  }

  private static List<Timeline.Entry> timeline(String service) {
    return database.stores().timeline().recent(service, "prod", 20);
  }

  private static Deployment honeydue(String name) {
    return sim.cluster("staging")
        .client()
        .apps()
        .deployments()
        .inNamespace("honeydue")
        .withName(name)
        .get();
  }

  /**
   * Three honeyDue services on the simulated staging cluster, released in two waves, by {@code
   * deckhand run} on this test's store: no approval, no health checks, nothing but the release.
   */
  private static Path releaseCatalog() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    String config = "{ kubeconfig: \"" + kubeconfig.toAbsolutePath() + "\", context: staging }";
    String yaml =
        """
        default-environment: staging
        chat:
          console:
            users: [alice]
            default-user: alice
            channel: "#deploys"
        registries:
          default: { url: "%s" }
        clusters:
          staging: %s
        environments:
          staging: { cluster: staging }
        roles:
          developers: { console: [alice], grants: ["deploy-all:*", "status:*"] }
        services:
          api:
            image: honeydue/api
            targets: { staging: { namespace: honeydue, deployment: api } }
          worker:
            image: honeydue/worker
            targets: { staging: { namespace: honeydue, deployment: worker } }
          web:
            image: honeydue/web
            targets: { staging: { namespace: honeydue, deployment: web } }
        release:
          waves: [[api, worker], [web]]
        store:
          url: "%s"
          user: postgres
        """
            .formatted(sim.registry().baseUrl(), config, database.jdbcUrl());
    Path file = dir.resolve("release.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static Deployment gateway() {
    return deployment("coachpilot", "coachpilot-gateway");
  }

  private static Deployment quiz() {
    return deployment("assess", "dashboard");
  }

  private static Deployment deployment(String namespace, String name) {
    return sim.cluster("prod")
        .client()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  private static String image(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /**
   * The demo catalog as {@code deckhand run} reads it: the simulated registry and health endpoints
   * by their real addresses, the clusters through the simulation's kubeconfig, and the store at
   * this test's PostgreSQL.
   */
  private static String catalogYaml(Path kubeconfig) throws Exception {
    String yaml = Files.readString(Path.of("..", "config", "demo.yaml"));
    String staging = "staging: { context: staging }";
    String prod = "prod: { context: prod }";
    assertThat(yaml).contains("${sim.registry}", "${sim.health}", staging, prod);
    assertThat(yaml).doesNotContainPattern("(?m)^store:");
    String config = "kubeconfig: \"" + kubeconfig.toAbsolutePath() + "\", ";
    return yaml.replace("${sim.registry}", sim.registry().baseUrl())
            .replace("${sim.health}", sim.health().baseUrl())
            .replace("${sim.prometheus}", sim.prometheus().baseUrl())
            .replace(staging, "staging: { " + config + "context: staging }")
            .replace(prod, "prod: { " + config + "context: prod }")
        + "\nstore:\n  url: \""
        + database.jdbcUrl()
        + "\"\n  user: postgres\n";
  }

  /**
   * What {@code DemoWorld} seeds, for the services this test deploys: every demo tag in the
   * registry, and the prod deployment running the first tag (fewer deployments, a faster start).
   */
  private static void seed(LoadedConfig config, DemoSettings demo, List<String> deployed) {
    ExecutorService seeders = Executors.newFixedThreadPool(deployed.size());
    List<CompletableFuture<?>> rollouts = new ArrayList<>();
    for (ServiceSpec service : config.catalog().services().values()) {
      List<String> tags = demo.tagsOf(service.name());
      sim.registry().addTags(service.image(), tags.toArray(String[]::new));
      if (deployed.contains(service.name())) {
        DemoWorld.seedServices(sim, service);
        Target t = service.targets().get("prod");
        String image = service.image() + ":" + tags.get(0);
        // Each blocks until its pods are ready: seed them side by side.
        rollouts.add(
            CompletableFuture.runAsync(
                () ->
                    sim.seedDeployment(
                        t.cluster(),
                        t.namespace(),
                        t.deployment(),
                        t.container(),
                        image,
                        demo.replicas()),
                seeders));
      }
    }
    try {
      CompletableFuture.allOf(rollouts.toArray(CompletableFuture[]::new)).join();
    } finally {
      seeders.shutdownNow();
    }
  }
}
