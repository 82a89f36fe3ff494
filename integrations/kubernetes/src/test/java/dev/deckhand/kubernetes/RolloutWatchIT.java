package dev.deckhand.kubernetes;

import static dev.deckhand.kubernetes.TestObjects.DEPLOYMENT;
import static dev.deckhand.kubernetes.TestObjects.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code watch} through the shared informers, against the CRUD mock API. */
class RolloutWatchIT {
  private static final Target GATEWAY = new Target("staging", NS, DEPLOYMENT, "gateway");
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private MockApi api;
  private KubernetesClient k8s;
  private KubernetesClusters clusters;
  private Deployment deployment;
  private ReplicaSet oldRs;
  private ReplicaSet newRs;

  @BeforeEach
  void start() {
    api = new MockApi();
    k8s = api.newClient();
    clusters =
        new KubernetesClusters(Map.of("staging", api.newClient()), ForkJoinPool.commonPool());
    deployment =
        k8s.apps()
            .deployments()
            .inNamespace(NS)
            .resource(TestObjects.deployment(2, "synergy/gateway:v2"))
            .create();
    oldRs = createRs(TestObjects.replicaSet(deployment, 1, "old11", "synergy/gateway:v1", "v1"));
    newRs = createRs(TestObjects.replicaSet(deployment, 2, "new22", "synergy/gateway:v2", "v2"));
  }

  @AfterEach
  void stop() {
    clusters.close();
    k8s.close();
    api.close();
  }

  private ReplicaSet createRs(ReplicaSet rs) {
    return k8s.apps().replicaSets().inNamespace(NS).resource(rs).create();
  }

  private void status(int updated, int available) {
    k8s.apps()
        .deployments()
        .inNamespace(NS)
        .withName(DEPLOYMENT)
        .editStatus(
            d -> {
              d.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(1L)
                      .withReplicas(2)
                      .withUpdatedReplicas(updated)
                      .withReadyReplicas(available)
                      .withAvailableReplicas(available)
                      .build());
              return d;
            });
  }

  private static RolloutSnapshot last(List<RolloutSnapshot> seen) {
    return seen.get(seen.size() - 1);
  }

  @Test
  void deliversAFirstSnapshotThenOneAfterEachStatusChange() {
    List<RolloutSnapshot> seen = new CopyOnWriteArrayList<>();

    try (Cluster.Subscription ignored = clusters.watch(GATEWAY, seen::add)) {
      await().atMost(PATIENCE).until(() -> !seen.isEmpty());
      assertThat(seen.get(0).revision()).isEqualTo(2);
      assertThat(seen.get(0).image()).isEqualTo("synergy/gateway:v2");
      assertThat(seen.get(0).status().updatedReplicas()).isZero();

      status(1, 0);
      await().atMost(PATIENCE).until(() -> last(seen).status().updatedReplicas() == 1);
      status(2, 2);
      await().atMost(PATIENCE).until(() -> last(seen).status().availableReplicas() == 2);
    }
  }

  @Test
  void reportsProblemsOfTheNewReplicaSetsPodsOnly() {
    List<RolloutSnapshot> seen = new CopyOnWriteArrayList<>();
    var pods = k8s.pods().inNamespace(NS);

    try (Cluster.Subscription ignored = clusters.watch(GATEWAY, seen::add)) {
      await().atMost(PATIENCE).until(() -> !seen.isEmpty());
      pods.resource(
              TestObjects.pod(
                  oldRs, "old-1", TestObjects.waiting("gateway", "ImagePullBackOff", 0)))
          .create();
      pods.resource(
              TestObjects.pod(
                  newRs, "new-1", TestObjects.waiting("gateway", "CrashLoopBackOff", 3)))
          .create();
      await().atMost(PATIENCE).until(() -> last(seen).problems().size() == 1);
      pods.resource(TestObjects.pod(newRs, "new-2", TestObjects.oomKilled("gateway", 1))).create();
      pods.resource(
              TestObjects.pod(
                  newRs, "new-3", TestObjects.waiting("gateway", "ImagePullBackOff", 0)))
          .create();
      pods.resource(
              TestObjects.pod(
                  oldRs, "old-2", TestObjects.waiting("gateway", "CrashLoopBackOff", 9)))
          .create();

      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(last(seen).problems())
                      .extracting(PodProblem::pod, PodProblem::reason)
                      .containsExactly(
                          org.assertj.core.groups.Tuple.tuple("new-1", "CrashLoopBackOff"),
                          org.assertj.core.groups.Tuple.tuple("new-2", "OOMKilled"),
                          org.assertj.core.groups.Tuple.tuple("new-3", "ImagePullBackOff")));
    }
  }

  @Test
  void fiftyWatchesShareOneInformerPerKind() {
    List<AtomicInteger> counts = new ArrayList<>();
    List<Cluster.Subscription> subscriptions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      AtomicInteger count = new AtomicInteger();
      counts.add(count);
      subscriptions.add(clusters.watch(GATEWAY, s -> count.incrementAndGet()));
    }

    await().atMost(PATIENCE).until(() -> counts.stream().allMatch(c -> c.get() >= 1));
    assertThat(clusters.informersCreated()).isEqualTo(3);

    clusters.watch(new Target("staging", "elsewhere", "web", "web"), s -> {}).close();
    assertThat(clusters.informersCreated()).isEqualTo(6);
    subscriptions.forEach(Cluster.Subscription::close);
  }

  @Test
  void aClosedSubscriptionGetsNoMoreCalls() {
    List<RolloutSnapshot> closedOne = new CopyOnWriteArrayList<>();
    List<RolloutSnapshot> openOne = new CopyOnWriteArrayList<>();
    Cluster.Subscription toClose = clusters.watch(GATEWAY, closedOne::add);
    try (Cluster.Subscription ignored = clusters.watch(GATEWAY, openOne::add)) {
      await().atMost(PATIENCE).until(() -> !closedOne.isEmpty() && !openOne.isEmpty());

      toClose.close();
      toClose.close();
      int before = closedOne.size();
      status(1, 0);
      await().atMost(PATIENCE).until(() -> last(openOne).status().updatedReplicas() == 1);
      status(2, 0);
      await().atMost(PATIENCE).until(() -> last(openOne).status().updatedReplicas() == 2);

      assertThat(closedOne).hasSize(before);
    }
  }

  @Test
  void aThrowingListenerKeepsTheInformersAndItsSubscriptionAlive() {
    AtomicInteger thrown = new AtomicInteger();
    List<RolloutSnapshot> seen = new CopyOnWriteArrayList<>();
    try (Cluster.Subscription a =
            clusters.watch(
                GATEWAY,
                s -> {
                  thrown.incrementAndGet();
                  throw new IllegalStateException("listener bug");
                });
        Cluster.Subscription b = clusters.watch(GATEWAY, seen::add)) {
      await().atMost(PATIENCE).until(() -> thrown.get() >= 1 && !seen.isEmpty());

      status(1, 0);
      await().atMost(PATIENCE).until(() -> last(seen).status().updatedReplicas() == 1);
      status(2, 1);

      await().atMost(PATIENCE).until(() -> last(seen).status().availableReplicas() == 1);
      await().atMost(PATIENCE).until(() -> thrown.get() >= 3);
    }
  }
}
