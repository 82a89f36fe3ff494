package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The ReplicaSet controller: keeps as many pods as a ReplicaSet wants and reports them in its
 * status. Pods are deleted at once (no termination grace period). Confined to the controller
 * thread; every method blocks on API calls.
 */
final class ReplicaSetSync {

  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  /** Not Ready before Ready, then newest first: the order in which Kubernetes deletes pods. */
  private static final Comparator<Pod> DELETION_ORDER =
      Comparator.comparing(ReplicaSetSync::isReady)
          .thenComparing(
              (Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()),
              Comparator.reverseOrder())
          .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder());

  private final ClusterWriter writer;
  private final Kubelet kubelet;
  private final RandomGenerator random;

  ReplicaSetSync(ClusterWriter writer, Kubelet kubelet, RandomGenerator random) {
    this.writer = writer;
    this.kubelet = kubelet;
    this.random = random;
  }

  static boolean isReady(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }

  static int replicas(ReplicaSet replicaSet) {
    Integer replicas = replicaSet.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** Deletes the pods beyond what the ReplicaSet wants; {@code pods} is updated in place. */
  void deleteExcess(ReplicaSet replicaSet, List<Pod> pods) {
    int excess = pods.size() - replicas(replicaSet);
    if (excess <= 0) {
      return;
    }
    List<Pod> victims = pods.stream().sorted(DELETION_ORDER).limit(excess).toList();
    for (Pod victim : victims) {
      writer.delete(victim);
      pods.remove(victim);
    }
  }

  /** Creates the pods the ReplicaSet still lacks; {@code pods} is updated in place. */
  void createMissing(ReplicaSet replicaSet, List<Pod> pods) {
    for (int missing = replicas(replicaSet) - pods.size(); missing > 0; missing--) {
      Pod pod = newPod(replicaSet);
      pod.setStatus(kubelet.initialStatus(pod));
      Pod created = writer.create(pod);
      kubelet.admitted(created);
      pods.add(created);
    }
  }

  /** Writes the ReplicaSet's status if its pods changed; returns the ReplicaSet as it is now. */
  ReplicaSet syncStatus(ReplicaSet replicaSet, List<Pod> pods) {
    int ready = (int) pods.stream().filter(ReplicaSetSync::isReady).count();
    ReplicaSetStatus wanted =
        new ReplicaSetStatusBuilder()
            .withReplicas(pods.size())
            .withFullyLabeledReplicas(pods.size())
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withObservedGeneration(replicaSet.getMetadata().getGeneration())
            .build();
    return wanted.equals(replicaSet.getStatus())
        ? replicaSet
        : writer.replaceStatus(replicaSet, wanted);
  }

  private Pod newPod(ReplicaSet replicaSet) {
    String name = replicaSet.getMetadata().getName() + "-" + suffix();
    var template = replicaSet.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withGenerateName(replicaSet.getMetadata().getName() + "-")
        .withNamespace(replicaSet.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(replicaSet.getMetadata().getName())
                .withUid(replicaSet.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withSpec(template.getSpec())
        .editOrNewSpec()
        .withNodeName(PodStatuses.NODE_NAME)
        .endSpec()
        .build();
  }

  private String suffix() {
    return suffix(random);
  }

  /** Five characters of the alphabet Kubernetes uses for generated names. */
  static String suffix(RandomGenerator random) {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(ALPHANUMS.charAt(random.nextInt(ALPHANUMS.length())));
    }
    return suffix.toString();
  }
}
