package dev.deckhand.kubernetes;

import static dev.deckhand.kubernetes.TestObjects.DEPLOYMENT;
import static dev.deckhand.kubernetes.TestObjects.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code undo} and {@code logTail} against the CRUD mock API. */
class RollbackIT {
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

  /** A deployment at revision 3 (image v3) with ReplicaSets for revisions 1, 2 and 3. */
  private Deployment threeRevisions() {
    Deployment d =
        k8s.apps()
            .deployments()
            .inNamespace(NS)
            .resource(TestObjects.deployment(3, "synergy/gateway:v3"))
            .create();
    for (int n = 1; n <= 3; n++) {
      k8s.apps()
          .replicaSets()
          .inNamespace(NS)
          .resource(TestObjects.replicaSet(d, n, "h" + n, "synergy/gateway:v" + n, "v" + n))
          .create();
    }
    return d;
  }

  private Deployment current() {
    return k8s.apps().deployments().inNamespace(NS).withName(DEPLOYMENT).get();
  }

  @Test
  void undoToThePreviousRevisionRestoresItsTemplateWithoutTheHashLabel() {
    Deployment before = threeRevisions();

    long generation = clusters.undo(GATEWAY, 0, "rollback by ana");

    Deployment after = current();
    assertThat(generation).isEqualTo(after.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(after.getSpec().getTemplate()).isEqualTo(TestObjects.template("synergy/gateway:v2"));
    assertThat(after.getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainKey("pod-template-hash");
    assertThat(after.getSpec().getReplicas()).isEqualTo(before.getSpec().getReplicas());
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry("kubernetes.io/change-cause", "rollback by ana")
        .containsEntry("owner", "platform");
  }

  @Test
  void undoToANamedRevision() {
    threeRevisions();

    clusters.undo(GATEWAY, 1, "back to v1");

    assertThat(current().getSpec().getTemplate())
        .isEqualTo(TestObjects.template("synergy/gateway:v1"));
  }

  @Test
  void undoToAnUnknownRevisionListsTheRevisions() {
    threeRevisions();

    assertThatThrownBy(() -> clusters.undo(GATEWAY, 7, "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "deployment coachpilot/coachpilot-gateway in cluster staging has no revision 7; its"
                + " revisions are: 1, 2, 3");
  }

  @Test
  void undoToTheCurrentRevisionChangesNothing() {
    threeRevisions();

    assertThatThrownBy(() -> clusters.undo(GATEWAY, 3, "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "deployment coachpilot/coachpilot-gateway in cluster staging already runs the pod"
                + " template of revision 3; nothing to roll back");
    assertThat(current().getMetadata().getGeneration()).isEqualTo(1);
  }

  @Test
  void undoWithoutAPreviousRevisionSaysSo() {
    Deployment d =
        k8s.apps()
            .deployments()
            .inNamespace(NS)
            .resource(TestObjects.deployment(1, "synergy/gateway:v1"))
            .create();
    k8s.apps()
        .replicaSets()
        .inNamespace(NS)
        .resource(TestObjects.replicaSet(d, 1, "h1", "synergy/gateway:v1", "v1"))
        .create();

    assertThatThrownBy(() -> clusters.undo(GATEWAY, 0, "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "deployment coachpilot/coachpilot-gateway in cluster staging has no previous revision"
                + " to roll back to (revisions: 1)");
  }

  @Test
  void undoOfAPausedDeploymentIsRefused() {
    threeRevisions();
    k8s.apps()
        .deployments()
        .inNamespace(NS)
        .withName(DEPLOYMENT)
        .edit(
            d -> {
              d.getSpec().setPaused(true);
              return d;
            });

    assertThatThrownBy(() -> clusters.undo(GATEWAY, 0, "c"))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("is paused");
  }

  @Test
  void logTailReturnsTheLinesAndNothingOnError() {
    String path =
        "/api/v1/namespaces/" + NS + "/pods/%s/log?pretty=false&container=gateway&tailLines=2";
    api.server()
        .expect()
        .get()
        .withPath(path.formatted("good"))
        .andReturn(200, "one\ntwo\n")
        .always();
    api.server().expect().get().withPath(path.formatted("bad")).andReturn(500, "boom").always();

    assertThat(clusters.logTail(GATEWAY, "good", 2)).containsExactly("one", "two");
    assertThat(clusters.logTail(GATEWAY, "bad", 2)).isEmpty();
    assertThat(clusters.logTail(GATEWAY, "good", 0)).isEqualTo(List.of());
  }
}
