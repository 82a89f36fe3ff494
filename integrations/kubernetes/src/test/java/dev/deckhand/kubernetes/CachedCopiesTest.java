package dev.deckhand.kubernetes;

import static dev.deckhand.kubernetes.TestObjects.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.rollout.Pause;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedCopiesTest {
  private static final Target GATEWAY =
      new Target("staging", NS, TestObjects.DEPLOYMENT, "gateway");

  private final Deployment deployment = TestObjects.deployment(2, "synergy/gateway:v2");
  private final ReplicaSet oldRs =
      TestObjects.replicaSet(deployment, 1, "old11", "synergy/gateway:v1", "v1");
  private final ReplicaSet newRs =
      TestObjects.replicaSet(deployment, 2, "new22", "synergy/gateway:v2", "v2");

  @Test
  void theNewReplicaSetIsFoundAmongTrimmedCopiesAsAmongWholeObjects() {
    List<ReplicaSet> whole = List.of(oldRs, newRs);
    List<ReplicaSet> trimmed =
        List.of(CachedCopies.replicaSet(oldRs), CachedCopies.replicaSet(newRs));

    assertThat(KubeObjects.newReplicaSet(deployment, whole)).contains(newRs);
    assertThat(name(KubeObjects.newReplicaSet(CachedCopies.deployment(deployment), trimmed)))
        .contains(newRs.getMetadata().getName());
    assertThat(name(KubeObjects.newReplicaSet(deployment, trimmed)))
        .contains(newRs.getMetadata().getName());
    assertThat(name(KubeObjects.newReplicaSet(CachedCopies.deployment(deployment), whole)))
        .contains(newRs.getMetadata().getName());
  }

  @Test
  void theFingerprintIgnoresTheHashLabelAndTheOrderOfLabelsButNotTheTemplate() {
    PodTemplateSpec plain = TestObjects.template("synergy/gateway:v2");
    PodTemplateSpec reordered = TestObjects.template("synergy/gateway:v2");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(KubeObjects.POD_TEMPLATE_HASH, "abc12");
    labels.put("tier", "edge");
    labels.put("app", TestObjects.DEPLOYMENT);
    reordered.getMetadata().setLabels(labels);
    plain.getMetadata().getLabels().put("tier", "edge");
    PodTemplateSpec otherEnv = TestObjects.template("synergy/gateway:v2");
    otherEnv.getSpec().getContainers().get(0).getEnv().get(0).setValue("debug");

    assertThat(CachedCopies.fingerprint(reordered)).isEqualTo(CachedCopies.fingerprint(plain));
    assertThat(CachedCopies.fingerprint(otherEnv))
        .isNotEqualTo(CachedCopies.fingerprint(TestObjects.template("synergy/gateway:v2")));
  }

  @Test
  void aCopyKeepsWhatASnapshotReadsAndDropsTheRest() {
    deployment
        .getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    deployment
        .getMetadata()
        .getAnnotations()
        .put("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"Deployment\"}");
    deployment.getMetadata().setGeneration(3L);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(3L)
            .withReplicas(2)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    Pod pod = TestObjects.pod(newRs, "gw-1", TestObjects.waiting("gateway", "ErrImagePull", 2));

    Deployment copy = CachedCopies.deployment(deployment);
    Pod podCopy = CachedCopies.pod(pod);

    assertThat(copy.getMetadata().getManagedFields()).isEmpty();
    assertThat(copy.getMetadata().getAnnotations())
        .containsOnlyKeys(KubeObjects.REVISION)
        .containsEntry(KubeObjects.REVISION, "2");
    assertThat(copy.getSpec().getTemplate().getSpec().getContainers())
        .allSatisfy(c -> assertThat(c.getEnv()).isEmpty())
        .allSatisfy(c -> assertThat(c.getPorts()).isEmpty());
    assertThat(podCopy.getSpec()).isNull();
    assertThat(snapshot(copy, List.of(CachedCopies.replicaSet(newRs)), List.of(podCopy)))
        .isEqualTo(snapshot(deployment, List.of(newRs), List.of(pod)));
  }

  @Test
  void aCopyKeepsThePauseAndTheRestartAndTheSnapshotReadsThem() {
    deployment.getSpec().setPaused(true);
    deployment.getMetadata().getAnnotations().put(KubeObjects.PAUSED_BY, "Ana");
    deployment.getMetadata().getAnnotations().put(KubeObjects.PAUSED_AT, "2026-12-04T14:02:00Z");
    deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of(KubeObjects.RESTARTED_AT, "2026-12-04T13:00:00Z"));
    ReplicaSet restarted =
        TestObjects.replicaSet(deployment, 3, "rst33", "synergy/gateway:v2", "restart");
    restarted
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of(KubeObjects.RESTARTED_AT, "2026-12-04T13:00:00Z"));

    Deployment copy = CachedCopies.deployment(deployment);
    RolloutSnapshot fromCopy =
        snapshot(
            copy,
            List.of(CachedCopies.replicaSet(newRs), CachedCopies.replicaSet(restarted)),
            List.of());

    assertThat(copy.getSpec().getPaused()).isTrue();
    assertThat(copy.getMetadata().getAnnotations())
        .containsEntry(KubeObjects.PAUSED_BY, "Ana")
        .containsEntry(KubeObjects.PAUSED_AT, "2026-12-04T14:02:00Z");
    assertThat(copy.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(KubeObjects.RESTARTED_AT, "2026-12-04T13:00:00Z");
    assertThat(fromCopy.pause()).isEqualTo(new Pause(true, "Ana", "2026-12-04T14:02:00Z"));
    assertThat(fromCopy.restartedAt()).isEqualTo("2026-12-04T13:00:00Z");
    assertThat(fromCopy).isEqualTo(snapshot(deployment, List.of(newRs, restarted), List.of()));
  }

  @Test
  void aRestartChangesTheFingerprintSoTheRestartedReplicaSetIsTheNewOne() {
    Deployment restartedDeployment = TestObjects.deployment(3, "synergy/gateway:v2");
    restartedDeployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of(KubeObjects.RESTARTED_AT, "2026-12-04T13:00:00Z"));
    ReplicaSet restarted =
        TestObjects.replicaSet(restartedDeployment, 3, "rst33", "synergy/gateway:v2", "restart");
    restarted
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of(KubeObjects.RESTARTED_AT, "2026-12-04T13:00:00Z"));
    List<ReplicaSet> trimmed =
        List.of(CachedCopies.replicaSet(newRs), CachedCopies.replicaSet(restarted));

    assertThat(CachedCopies.fingerprint(restartedDeployment.getSpec().getTemplate()))
        .isNotEqualTo(CachedCopies.fingerprint(deployment.getSpec().getTemplate()));
    assertThat(
            name(KubeObjects.newReplicaSet(CachedCopies.deployment(restartedDeployment), trimmed)))
        .contains(restarted.getMetadata().getName());
    assertThat(name(KubeObjects.newReplicaSet(CachedCopies.deployment(deployment), trimmed)))
        .contains(newRs.getMetadata().getName());
  }

  @Test
  void pauseAnnotationsOfADeploymentThatIsNotPausedAreIgnored() {
    deployment.getMetadata().getAnnotations().put(KubeObjects.PAUSED_BY, "Ana");

    RolloutSnapshot s = snapshot(CachedCopies.deployment(deployment), List.of(newRs), List.of());

    assertThat(s.pause()).isEqualTo(Pause.NONE);
    assertThat(s.restartedAt()).isEmpty();
  }

  private static RolloutSnapshot snapshot(Deployment d, List<ReplicaSet> rs, List<Pod> pods) {
    return SnapshotAssembler.assemble(GATEWAY, d, rs, r -> pods);
  }

  private static Optional<String> name(Optional<ReplicaSet> rs) {
    return rs.map(r -> r.getMetadata().getName());
  }
}
