package dev.deckhand.kubernetes;

import static dev.deckhand.kubernetes.TestObjects.DEPLOYMENT;
import static dev.deckhand.kubernetes.TestObjects.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking operations of {@link KubernetesClusters} against the CRUD mock API. */
class KubernetesClustersIT {
  private static final Target GATEWAY = new Target("staging", NS, DEPLOYMENT, "gateway");

  private MockApi api;
  private KubernetesClient k8s;
  private KubernetesClusters clusters;

  @BeforeEach
  void start() {
    api = new MockApi();
    k8s = api.newClient();
    clusters =
        new KubernetesClusters(Map.of("staging", api.newClient()), ForkJoinPool.commonPool());
  }

  @AfterEach
  void stop() {
    clusters.close();
    k8s.close();
    api.close();
  }

  private Deployment create(Deployment d) {
    return k8s.apps().deployments().inNamespace(NS).resource(d).create();
  }

  private ReplicaSet create(ReplicaSet rs) {
    return k8s.apps().replicaSets().inNamespace(NS).resource(rs).create();
  }

  private Deployment current() {
    return k8s.apps().deployments().inNamespace(NS).withName(DEPLOYMENT).get();
  }

  @Test
  void setImageChangesOnlyTheNamedContainerAndRecordsTheChangeCause() {
    Deployment before = create(TestObjects.deployment(1, "synergy/gateway:v1"));

    long generation =
        clusters.setImage(GATEWAY, "synergy/gateway:v2@sha256:" + "a".repeat(64), "by ana");

    Deployment after = current();
    assertThat(generation).isEqualTo(after.getMetadata().getGeneration()).isEqualTo(2);
    var expectedSpec = before.getSpec();
    expectedSpec
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(1)
        .setImage("synergy/gateway:v2@sha256:" + "a".repeat(64));
    assertThat(after.getSpec()).isEqualTo(expectedSpec);
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry("kubernetes.io/change-cause", "by ana")
        .containsEntry("owner", "platform");
    assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
  }

  @Test
  void setImageAddsTheAnnotationsMapWhenThereIsNone() {
    Deployment d = TestObjects.deployment(1, "synergy/gateway:v1");
    d.getMetadata().setAnnotations(null);
    create(d);

    clusters.setImage(GATEWAY, "synergy/gateway:v2", "by ana");

    assertThat(current().getMetadata().getAnnotations())
        .isEqualTo(Map.of("kubernetes.io/change-cause", "by ana"));
    assertThat(current().getSpec().getTemplate().getSpec().getContainers().get(1).getImage())
        .isEqualTo("synergy/gateway:v2");
  }

  @Test
  void setImageIsIdempotent() {
    create(TestObjects.deployment(1, "synergy/gateway:v1"));

    long first = clusters.setImage(GATEWAY, "synergy/gateway:v2", "first");
    long second = clusters.setImage(GATEWAY, "synergy/gateway:v2", "second");

    assertThat(second).isEqualTo(first);
    assertThat(KubeObjects.annotation(current(), KubeObjects.CHANGE_CAUSE)).isEqualTo("second");
  }

  @Test
  void aMissingContainerNamesTheContainersThereAre() {
    create(TestObjects.deployment(1, "synergy/gateway:v1"));
    Target web = new Target("staging", NS, DEPLOYMENT, "web");

    assertThatThrownBy(() -> clusters.setImage(web, "x:1", "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "deployment coachpilot/coachpilot-gateway in cluster staging has no container 'web';"
                + " its containers are: sidecar, gateway");
    assertThatThrownBy(() -> clusters.read(web)).hasMessageContaining("has no container 'web'");
  }

  @Test
  void aMissingDeploymentOrClusterSaysSo() {
    Target nope = new Target("staging", NS, "nope", "gateway");

    assertThatThrownBy(() -> clusters.setImage(nope, "x:1", "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessage("deployment coachpilot/nope not found in cluster staging");
    assertThatThrownBy(() -> clusters.read(nope))
        .hasMessage("deployment coachpilot/nope not found in cluster staging");
    assertThatThrownBy(() -> clusters.history(nope))
        .hasMessage("deployment coachpilot/nope not found in cluster staging");
    assertThatThrownBy(() -> clusters.read(new Target("prod", NS, DEPLOYMENT, "gateway")))
        .isInstanceOf(ClusterException.class)
        .hasMessage("unknown cluster 'prod'; known clusters: staging");
  }

  @Test
  void aFailedTestOperationIsReportedAsAConcurrentChange() {
    create(TestObjects.deployment(1, "synergy/gateway:v1"));
    // the mock cannot answer a failed JSON patch test itself, so answer as the API server does
    api.server()
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/" + NS + "/deployments/" + DEPLOYMENT)
        .andReturn(
            422,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(422)
                .withMessage("the server rejected our request: test failed")
                .build())
        .once();

    assertThatThrownBy(() -> clusters.setImage(GATEWAY, "synergy/gateway:v2", "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith(
            "while setting the image of deployment coachpilot/coachpilot-gateway in cluster"
                + " staging: the server rejected our request: test failed (HTTP 422)")
        .hasMessageEndingWith("so nothing was changed: try again");
    assertThat(current().getSpec().getTemplate().getSpec().getContainers().get(1).getImage())
        .isEqualTo("synergy/gateway:v1");
  }

  @Test
  void readMapsStatusRevisionImageAndProblemsOfTheNewReplicaSetOnly() {
    Deployment d = create(TestObjects.deployment(3, "synergy/gateway:v3"));
    ReplicaSet old = create(TestObjects.replicaSet(d, 2, "old22", "synergy/gateway:v2", "v2"));
    ReplicaSet neu = create(TestObjects.replicaSet(d, 3, "new33", "synergy/gateway:v3", "v3"));
    var pods = k8s.pods().inNamespace(NS);
    pods.resource(
            TestObjects.pod(old, "old-1", TestObjects.waiting("gateway", "ImagePullBackOff", 0)))
        .create();
    pods.resource(
            TestObjects.pod(
                neu,
                "new-1",
                TestObjects.running("sidecar"),
                TestObjects.waiting("gateway", "CrashLoopBackOff", 4)))
        .create();
    pods.resource(TestObjects.pod(neu, "new-2", TestObjects.oomKilled("gateway", 2))).create();
    pods.resource(TestObjects.pod(neu, "new-3", TestObjects.running("gateway"))).create();
    k8s.apps()
        .deployments()
        .inNamespace(NS)
        .withName(DEPLOYMENT)
        .editStatus(
            x -> {
              x.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(1L)
                      .withReplicas(4)
                      .withUpdatedReplicas(2)
                      .withReadyReplicas(2)
                      .withAvailableReplicas(2)
                      .build());
              return x;
            });

    RolloutSnapshot s = clusters.read(GATEWAY);

    assertThat(s.revision()).isEqualTo(3);
    assertThat(s.image()).isEqualTo("synergy/gateway:v3");
    assertThat(s.status().specReplicas()).isEqualTo(2);
    assertThat(s.status().replicas()).isEqualTo(4);
    assertThat(s.status().updatedReplicas()).isEqualTo(2);
    assertThat(s.problems())
        .containsExactly(
            new PodProblem(
                "new-1", "gateway", "CrashLoopBackOff", "CrashLoopBackOff for gateway", 4),
            new PodProblem("new-2", "gateway", "OOMKilled", "exit code 137", 2));
  }

  @Test
  void historyListsOwnedReplicaSetsOldestFirst() {
    Deployment d = create(TestObjects.deployment(3, "synergy/gateway:v3"));
    create(TestObjects.replicaSet(d, 3, "h3", "synergy/gateway:v3", "deploy v3"));
    create(TestObjects.replicaSet(d, 1, "h1", "synergy/gateway:v1", "deploy v1"));
    create(TestObjects.replicaSet(d, 2, "h2", "synergy/gateway:v2", "deploy v2"));
    Deployment stranger = TestObjects.deployment(9, "x:9");
    stranger.getMetadata().setName("other");
    stranger.getMetadata().setUid("uid-of-other");
    create(TestObjects.replicaSet(stranger, 9, "h9", "x:9", "not ours"));

    assertThat(clusters.history(GATEWAY))
        .containsExactly(
            new Revision(1, "synergy/gateway:v1", "deploy v1", false),
            new Revision(2, "synergy/gateway:v2", "deploy v2", false),
            new Revision(3, "synergy/gateway:v3", "deploy v3", true));
  }
}
