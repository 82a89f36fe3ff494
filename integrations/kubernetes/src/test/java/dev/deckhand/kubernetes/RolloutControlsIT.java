package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.Pause;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import dev.deckhand.commands.rollout.RolloutVerdict;
import dev.deckhand.kubesim.KubeSim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restart}, {@code scale} and {@code pause} of {@link KubernetesClusters} against kube-sim
 * (the fabric8 mock API in CRUD mode with simulated controllers), so that the deployments really
 * roll, scale and hold. Each test seeds a deployment of its own.
 */
class RolloutControlsIT {
  private static final String CLUSTER = "staging";
  private static final String NS = "shop";
  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final AtomicInteger names = new AtomicInteger();

  @TempDir static Path dir;
  private static SimWorld world;
  private static KubeSim sim;
  private static KubernetesClusters clusters;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws IOException {
    world = SimWorld.start(dir, Duration.ofMillis(200));
    sim = world.sim;
    clusters = world.clusters;
    kubeconfig = world.kubeconfig;
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static Target seed(int replicas) {
    String name = "web-" + names.incrementAndGet();
    sim.seedDeployment(CLUSTER, NS, name, "web", "acme/web:1.0.0", replicas);
    return new Target(CLUSTER, NS, name, "web");
  }

  private static KubernetesClient k8s() {
    return sim.cluster(CLUSTER).client();
  }

  private static Deployment deployment(Target t) {
    return k8s().apps().deployments().inNamespace(NS).withName(t.deployment()).get();
  }

  private static boolean complete(Target t, RolloutSnapshot s) {
    return RolloutVerdict.of(t.deployment(), s.status()) instanceof RolloutVerdict.Complete;
  }

  @Test
  void restartRollsANewRevisionWhoseTemplateCarriesRestartedAt() {
    Target t = seed(2);
    Instant at = Instant.parse("2026-12-04T14:02:00.750Z");

    long generation = clusters.restart(t, at, "restart by Ana");

    assertThat(generation).isEqualTo(deployment(t).getMetadata().getGeneration()).isEqualTo(2);
    await()
        .atMost(PATIENCE)
        .until(() -> clusters.read(t), s -> s.revision() == 2 && complete(t, s));
    RolloutSnapshot done = clusters.read(t);
    assertThat(done.restartedAt()).isEqualTo("2026-12-04T14:02:00Z");
    assertThat(done.image()).isEqualTo("acme/web:1.0.0");
    assertThat(done.status().updatedReplicas()).isEqualTo(2);
    Deployment d = deployment(t);
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-12-04T14:02:00Z");
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("kubernetes.io/change-cause", "restart by Ana");
    assertThat(clusters.history(t))
        .extracting(r -> r.number() + " " + r.changeCause() + " " + r.current())
        .containsExactly("1 initial deploy of acme/web:1.0.0 false", "2 restart by Ana true");
  }

  @Test
  void restartingAgainAtTheSameInstantChangesNothingButTheCause() {
    Target t = seed(1);
    Instant at = Instant.parse("2026-12-04T14:02:00Z");
    long first = clusters.restart(t, at, "first");
    await().atMost(PATIENCE).until(() -> clusters.read(t), s -> complete(t, s));

    long second = clusters.restart(t, at, "second");

    assertThat(second).isEqualTo(first);
    await()
        .during(Duration.ofMillis(500))
        .atMost(PATIENCE)
        .until(() -> clusters.read(t), s -> s.revision() == 2 && complete(t, s));
    assertThat(KubeObjects.annotation(deployment(t), KubeObjects.CHANGE_CAUSE)).isEqualTo("second");
  }

  @Test
  void theWatchSeesTheRestartThroughTheTrimmedCaches() {
    Target t = seed(1);
    List<RolloutSnapshot> seen = new CopyOnWriteArrayList<>();
    try (Cluster.Subscription ignored = clusters.watch(t, seen::add)) {
      await().atMost(PATIENCE).until(() -> !seen.isEmpty());
      assertThat(seen.get(0).restartedAt()).isEmpty();

      clusters.restart(t, Instant.parse("2026-12-04T15:00:00Z"), "restart");

      await()
          .atMost(PATIENCE)
          .until(
              () -> seen.get(seen.size() - 1),
              s -> "2026-12-04T15:00:00Z".equals(s.restartedAt()) && complete(t, s));
      assertThat(seen.get(seen.size() - 1).revision()).isEqualTo(2);
    }
  }

  @Test
  void scaleSetsTheReplicasAndTheRolloutEndsThere() {
    Target t = seed(1);

    long generation = clusters.scale(t, 2);

    assertThat(generation).isEqualTo(2);
    await()
        .atMost(PATIENCE)
        .until(
            () -> clusters.read(t),
            s -> s.status().availableReplicas() == 2 && s.status().specReplicas() == 2);
    await().atMost(PATIENCE).until(() -> clusters.read(t), s -> complete(t, s));
    assertThat(clusters.read(t).revision()).isEqualTo(1);
    assertThat(clusters.scale(t, 2)).as("idempotent").isEqualTo(generation);

    clusters.scale(t, 0);
    await()
        .atMost(PATIENCE)
        .until(() -> clusters.read(t), s -> s.status().replicas() == 0 && complete(t, s));
  }

  @Test
  void aPausedDeploymentDoesNotRollUntilResumed() {
    Target t = seed(2);
    Instant at = Instant.parse("2026-12-04T14:05:09.123Z");

    long paused = clusters.pause(t, true, "Ana Lima", at);
    clusters.setImage(t, "acme/web:1.1.0", "deploy 1.1.0");

    assertThat(paused).isEqualTo(2);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(
            () -> clusters.read(t),
            s ->
                s.revision() == 1
                    && s.status().updatedReplicas() == 0
                    && s.status().availableReplicas() == 2);
    RolloutSnapshot held = clusters.read(t);
    assertThat(held.pause()).isEqualTo(new Pause(true, "Ana Lima", "2026-12-04T14:05:09Z"));
    assertThat(held.image()).isEqualTo("acme/web:1.1.0");
    assertThat(held.status().observedGeneration()).isEqualTo(held.status().generation());
    assertThat(RolloutVerdict.of(t.deployment(), held.status()))
        .isInstanceOf(RolloutVerdict.Waiting.class);
    assertThat(clusters.pause(t, true, "Ana Lima", at)).as("idempotent").isEqualTo(3);

    long resumed = clusters.pause(t, false, "Bo", Instant.parse("2026-12-04T14:10:00Z"));

    assertThat(resumed).isEqualTo(4);
    await()
        .atMost(PATIENCE)
        .until(() -> clusters.read(t), s -> s.revision() == 2 && complete(t, s));
    RolloutSnapshot done = clusters.read(t);
    assertThat(done.pause()).isEqualTo(Pause.NONE);
    assertThat(done.status().updatedReplicas()).isEqualTo(2);
    assertThat(deployment(t).getMetadata().getAnnotations())
        .doesNotContainKeys(KubeObjects.PAUSED_BY, KubeObjects.PAUSED_AT);
  }

  @Test
  void theWatchReportsThePause() {
    Target t = seed(1);
    List<RolloutSnapshot> seen = new CopyOnWriteArrayList<>();
    try (Cluster.Subscription ignored = clusters.watch(t, seen::add)) {
      await().atMost(PATIENCE).until(() -> !seen.isEmpty());

      clusters.pause(t, true, "Ana", Instant.parse("2026-12-04T14:00:00Z"));

      await()
          .atMost(PATIENCE)
          .until(
              () -> seen.get(seen.size() - 1).pause(),
              p -> p.equals(new Pause(true, "Ana", "2026-12-04T14:00:00Z")));
      clusters.pause(t, false, "Ana", Instant.parse("2026-12-04T14:01:00Z"));
      await()
          .atMost(PATIENCE)
          .until(() -> seen.get(seen.size() - 1).pause(), p -> p.equals(Pause.NONE));
    }
  }

  @Test
  void restartOfAPausedDeploymentIsRefused() {
    Target t = seed(1);
    clusters.pause(t, true, "Ana", Instant.parse("2026-12-04T14:00:00Z"));

    assertThatThrownBy(() -> clusters.restart(t, Instant.now(), "restart"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "deployment shop/"
                + t.deployment()
                + " in cluster staging is paused, so a restart would not roll any pod; resume it"
                + " first (kubectl refuses too)");
    assertThat(SnapshotAssembler.restartedAt(deployment(t))).isEmpty();
  }

  @Test
  void aMissingDeploymentOrClusterSaysSo() {
    Target nope = new Target(CLUSTER, NS, "nope", "web");
    String notFound = "deployment shop/nope not found in cluster staging";

    assertThatThrownBy(() -> clusters.restart(nope, Instant.now(), "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(notFound);
    assertThatThrownBy(() -> clusters.scale(nope, 2))
        .isInstanceOf(ClusterException.class)
        .hasMessage(notFound);
    assertThatThrownBy(() -> clusters.pause(nope, true, "Ana", Instant.now()))
        .isInstanceOf(ClusterException.class)
        .hasMessage(notFound);
    assertThatThrownBy(() -> clusters.pause(nope, false, "Ana", Instant.now()))
        .isInstanceOf(ClusterException.class)
        .hasMessage(notFound);
    assertThatThrownBy(() -> clusters.scale(new Target("prod", NS, "web-1", "web"), 1))
        .isInstanceOf(ClusterException.class)
        .hasMessage("unknown cluster 'prod'; known clusters: staging");
    assertThat(k8s().apps().deployments().inNamespace(NS).withName("nope").get()).isNull();
  }

  @Test
  void aNegativeCountIsRefusedBeforeAnythingIsSent() {
    Target t = seed(1);

    assertThatThrownBy(() -> clusters.scale(t, -1))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "cannot scale deployment shop/"
                + t.deployment()
                + " in cluster staging to -1 replicas: give 0 or more");
    assertThat(deployment(t).getSpec().getReplicas()).isEqualTo(1);
  }

  /**
   * kubectl, the trusted oracle, reads back what restart and pause wrote (test-only, fixed argv).
   */
  @Test
  void kubectlReadsTheAnnotationsDeckhandWrote() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at " + KUBECTL);
    Target t = seed(1);
    clusters.restart(t, Instant.parse("2026-12-04T14:02:00Z"), "restart by Ana");
    await().atMost(PATIENCE).until(() -> clusters.read(t), s -> complete(t, s));
    clusters.pause(t, true, "Ana", Instant.parse("2026-12-04T14:03:00Z"));

    assertThat(
            kubectl(
                t,
                "{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"
                    + " {.spec.paused} {.metadata.annotations.deckhand\\.dev/paused-by}"))
        .isEqualTo("2026-12-04T14:02:00Z true Ana");
  }

  private static String kubectl(Target t, String jsonPath) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            KUBECTL.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            CLUSTER,
            "--cache-dir",
            dir.resolve("cache").toString(),
            "get",
            "deployment",
            t.deployment(),
            "-n",
            NS,
            "-o",
            "jsonpath=" + jsonPath);
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(err).isZero();
    return out;
  }
}
