package dev.deckhand.kubesim;

import static dev.deckhand.kubesim.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RolloutIT {

  private static SimCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster =
        SimCluster.start(
            "rollout", SimOptions.defaults().withPodReadyDelay(Duration.ofMillis(200)));
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void newImageRollsOutWithRevisionsAndFinalStatus() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("web").build())
        .create();
    Deployment first = cluster.awaitRollout("default", "web", Duration.ofSeconds(30));
    assertThat(first.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "1");

    setImage("web", "registry.example/web:1.1.0", "deploy 1.1.0");
    Deployment done = cluster.awaitRollout("default", "web", Duration.ofSeconds(30));

    assertThat(done.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(done.getStatus().getObservedGeneration()).isEqualTo(2);
    assertThat(done.getStatus().getReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getUnavailableReplicas()).isZero();
    assertThat(done.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Progressing");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
            })
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Available");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("MinimumReplicasAvailable");
            });
    assertThat(done.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<ReplicaSet> sets = ownedSets("web");
              assertThat(sets).hasSize(2);
              ReplicaSet current = sets.get(1);
              String hash = current.getMetadata().getLabels().get("pod-template-hash");
              assertThat(current.getMetadata().getName()).isEqualTo("web-" + hash);
              assertThat(current.getMetadata().getAnnotations())
                  .containsEntry("deployment.kubernetes.io/revision", "2")
                  .containsEntry("kubernetes.io/change-cause", "deploy 1.1.0");
              assertThat(current.getSpec().getTemplate().getMetadata().getLabels())
                  .containsEntry("pod-template-hash", hash);
              assertThat(current.getMetadata().getOwnerReferences().get(0).getUid())
                  .isEqualTo(done.getMetadata().getUid());
              assertThat(sets.get(0).getSpec().getReplicas()).isZero();
              List<Pod> pods =
                  client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
              assertThat(pods)
                  .hasSize(3)
                  .allSatisfy(
                      p -> {
                        assertThat(p.getMetadata().getName())
                            .matches("web-" + hash + "-[a-z0-9]{5}");
                        assertThat(p.getMetadata().getLabels())
                            .containsEntry("pod-template-hash", hash);
                        assertThat(p.getMetadata().getOwnerReferences().get(0).getName())
                            .isEqualTo(current.getMetadata().getName());
                        assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
                      });
            });
  }

  @Test
  void surgeAndUnavailabilityBoundsHoldDuringARollout() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("bounded").replicas(4).rollingUpdate("1", "0").build())
        .create();
    cluster.awaitRollout("default", "bounded", Duration.ofSeconds(30));
    Map<String, Boolean> readiness = new ConcurrentHashMap<>();
    List<int[]> observed = new CopyOnWriteArrayList<>(); // {pods, ready}
    try (Watch watch =
        client
            .pods()
            .inNamespace("default")
            .withLabel("app", "bounded")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    if (action == Action.DELETED) {
                      readiness.remove(pod.getMetadata().getName());
                    } else {
                      readiness.put(pod.getMetadata().getName(), ReplicaSetSync.isReady(pod));
                    }
                    observed.add(
                        new int[] {
                          readiness.size(), (int) readiness.values().stream().filter(r -> r).count()
                        });
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> readiness.size() == 4 && !readiness.containsValue(false));
      setImage("bounded", "registry.example/bounded:2.0", "2.0");
      cluster.awaitRollout("default", "bounded", Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(30)).until(() -> observed.size() >= 4 + 4 * 3);
    }
    int firstFullyReady = 0;
    while (observed.get(firstFullyReady)[1] < 4) {
      firstFullyReady++;
    }
    List<int[]> during = observed.subList(firstFullyReady, observed.size());
    assertThat(during)
        .allSatisfy(
            o -> {
              assertThat(o[0]).as("pods never exceed replicas + maxSurge").isLessThanOrEqualTo(5);
              assertThat(o[1])
                  .as("ready pods never drop below replicas - maxUnavailable")
                  .isGreaterThanOrEqualTo(4);
            });
    assertThat(during).anySatisfy(o -> assertThat(o[0]).isEqualTo(5));
  }

  @Test
  void rollbackReusesTheOldReplicaSetWithTheNextRevision() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("undo").build())
        .create();
    cluster.awaitRollout("default", "undo", Duration.ofSeconds(30));
    ReplicaSet first = ownedSets("undo").get(0);
    setImage("undo", "registry.example/undo:2.0", "2.0");
    cluster.awaitRollout("default", "undo", Duration.ofSeconds(30));

    // what kubectl rollout undo does: copy the old template without the hash label
    PodTemplateSpec template =
        new PodTemplateSpecBuilder(first.getSpec().getTemplate())
            .editMetadata()
            .removeFromLabels("pod-template-hash")
            .endMetadata()
            .build();
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("undo")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":"
                + Serialization.asJson(template)
                + "}]");
    Deployment done = cluster.awaitRollout("default", "undo", Duration.ofSeconds(30));

    assertThat(done.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<ReplicaSet> sets = ownedSets("undo");
              assertThat(sets)
                  .extracting(
                      rs ->
                          rs.getMetadata()
                              .getAnnotations()
                              .get("deployment.kubernetes.io/revision"))
                  .containsExactly("2", "3");
              ReplicaSet reused = sets.get(1);
              assertThat(reused.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
              assertThat(reused.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
              assertThat(reused.getMetadata().getAnnotations())
                  .containsEntry("deployment.kubernetes.io/revision-history", "1");
              assertThat(reused.getSpec().getReplicas()).isEqualTo(3);
              assertThat(sets.get(0).getSpec().getReplicas()).isZero();
            });
  }

  @Test
  void pausedDeploymentDoesNotProgressUntilResumed() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("paused").build())
        .create();
    cluster.awaitRollout("default", "paused", Duration.ofSeconds(30));
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("paused")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"paused\":true}}");
    setImage("paused", "registry.example/paused:2.0", "2.0");

    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(20))
        .until(() -> ownedSets("paused").size() == 1);
    Deployment paused = client.apps().deployments().inNamespace("default").withName("paused").get();
    assertThat(paused.getStatus().getObservedGeneration())
        .isEqualTo(paused.getMetadata().getGeneration());
    assertThat(paused.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Progressing");
              assertThat(c.getReason()).isEqualTo("DeploymentPaused");
            });
    assertThat(RolloutVerdict.of(paused)).isEqualTo(RolloutVerdict.WAITING);

    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("paused")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"paused\":false}}");
    cluster.awaitRollout("default", "paused", Duration.ofSeconds(30));
    assertThat(ownedSets("paused")).hasSize(2);
  }

  @Test
  void aPausedDeploymentScalesItsCurrentReplicaSetButDoesNotRollItsNewTemplate() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("held").replicas(2).build())
        .create();
    cluster.awaitRollout("default", "held", Duration.ofSeconds(30));
    String firstSet = ownedSets("held").get(0).getMetadata().getName();
    patch("held", "{\"spec\":{\"paused\":true}}");
    setImage("held", "registry.example/held:2.0", "2.0");
    patch("held", "{\"spec\":{\"replicas\":4}}");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Deployment d =
                  client.apps().deployments().inNamespace("default").withName("held").get();
              assertThat(d.getStatus().getObservedGeneration())
                  .isEqualTo(d.getMetadata().getGeneration());
              assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(4);
              assertThat(d.getStatus().getUpdatedReplicas()).isZero();
              assertThat(d.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Progressing");
                        assertThat(c.getReason()).isEqualTo("DeploymentPaused");
                      });
              assertThat(ownedSets("held"))
                  .singleElement()
                  .satisfies(
                      rs -> {
                        assertThat(rs.getMetadata().getName()).isEqualTo(firstSet);
                        assertThat(rs.getSpec().getReplicas()).isEqualTo(4);
                      });
            });

    patch("held", "{\"spec\":{\"paused\":false}}");
    Deployment done = cluster.awaitRollout("default", "held", Duration.ofSeconds(30));
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(4);
    assertThat(ownedSets("held")).hasSize(2);
    assertThat(ownedSets("held").get(1).getSpec().getTemplate().getSpec().getContainers())
        .anySatisfy(c -> assertThat(c.getImage()).isEqualTo("registry.example/held:2.0"));
  }

  @Test
  void scalingDownAndToZeroFollowsTheCurrentReplicaSet() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("shrink").replicas(3).build())
        .create();
    cluster.awaitRollout("default", "shrink", Duration.ofSeconds(30));

    patch("shrink", "{\"spec\":{\"replicas\":1}}");
    Deployment one = cluster.awaitRollout("default", "shrink", Duration.ofSeconds(30));
    assertThat(one.getStatus().getReplicas()).isEqualTo(1);
    patch("shrink", "{\"spec\":{\"replicas\":0}}");
    Deployment none = cluster.awaitRollout("default", "shrink", Duration.ofSeconds(30));
    assertThat(none.getStatus().getReplicas()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .pods()
                    .inNamespace("default")
                    .withLabel("app", "shrink")
                    .list()
                    .getItems()
                    .isEmpty());
    assertThat(ownedSets("shrink"))
        .singleElement()
        .satisfies(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
  }

  @Test
  void onlySpecChangesBumpTheGenerationAndASettledClusterWritesNothing() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("calm").build())
        .create();
    Deployment settled = cluster.awaitRollout("default", "calm", Duration.ofSeconds(30));
    assertThat(settled.getMetadata().getGeneration()).isEqualTo(1);
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("calm")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"team\":\"blue\"}}}");
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("calm")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":2}}");
    Deployment scaled = cluster.awaitRollout("default", "calm", Duration.ofSeconds(30));
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(scaled.getStatus().getReplicas()).isEqualTo(2);

    Map<String, String> versions = versionsOf("calm");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(20))
        .until(() -> versionsOf("calm").equals(versions));
  }

  @Test
  void restartRollsNewPodsAndDeletingTheDeploymentCollectsEverything() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("gone").replicas(2).build())
        .create();
    cluster.awaitRollout("default", "gone", Duration.ofSeconds(30));
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("gone")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2025-03-01T10:00:00Z\"}}}}}");
    Deployment restarted = cluster.awaitRollout("default", "gone", Duration.ofSeconds(30));
    assertThat(restarted.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");

    client.apps().deployments().inNamespace("default").withName("gone").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(ownedSets("gone")).isEmpty();
              assertThat(
                      client
                          .pods()
                          .inNamespace("default")
                          .withLabel("app", "gone")
                          .list()
                          .getItems())
                  .isEmpty();
            });
  }

  @Test
  void scaleSubresourceScalesTheDeployment() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named("scaly").replicas(1).build())
        .create();
    cluster.awaitRollout("default", "scaly", Duration.ofSeconds(30));
    Scale before = client.apps().deployments().inNamespace("default").withName("scaly").scale();
    assertThat(before.getSpec().getReplicas()).isEqualTo(1);
    assertThat(before.getStatus().getSelector()).isEqualTo("app=scaly");

    client.apps().deployments().inNamespace("default").withName("scaly").scale(4);
    Deployment scaled = cluster.awaitRollout("default", "scaly", Duration.ofSeconds(30));
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
    assertThat(scaled.getStatus().getAvailableReplicas()).isEqualTo(4);
    assertThat(scaled.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    assertThat(ownedSets("scaly")).hasSize(1);
  }

  private Map<String, String> versionsOf(String name) {
    Map<String, String> versions = new TreeMap<>();
    Stream.of(
            List.of(client.apps().deployments().inNamespace("default").withName(name).get()),
            client
                .apps()
                .replicaSets()
                .inNamespace("default")
                .withLabel("app", name)
                .list()
                .getItems(),
            client.pods().inNamespace("default").withLabel("app", name).list().getItems())
        .flatMap(List::stream)
        .forEach(
            o ->
                versions.put(
                    o.getKind() + "/" + o.getMetadata().getName(),
                    o.getMetadata().getResourceVersion()));
    return versions;
  }

  private List<ReplicaSet> ownedSets(String name) {
    return client
        .apps()
        .replicaSets()
        .inNamespace("default")
        .withLabel("app", name)
        .list()
        .getItems()
        .stream()
        .sorted(
            Comparator.comparing(
                rs ->
                    Long.parseLong(
                        rs.getMetadata()
                            .getAnnotations()
                            .get("deployment.kubernetes.io/revision"))))
        .toList();
  }

  private void patch(String name, String mergePatch) {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private void setImage(String name, String image, String cause) {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\""
                + cause
                + "\"}},"
                + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\""
                + name
                + "\",\"image\":\""
                + image
                + "\"}]}}}}");
  }
}
