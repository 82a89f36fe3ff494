package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.Pause;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link RolloutSnapshot} from a deployment, its ReplicaSets and a way to find a
 * ReplicaSet's pods: the same code serves {@code read} (API calls) and {@code watch} (informer
 * caches). Pure and thread-safe.
 */
final class SnapshotAssembler {
  private SnapshotAssembler() {}

  /**
   * @param replicaSets ReplicaSets of the namespace; those the deployment does not own are ignored
   * @param podsOf candidate pods of a ReplicaSet; those that are not its own are ignored
   * @throws ClusterException when the deployment has no container named {@code target.container()}
   */
  static RolloutSnapshot assemble(
      Target target,
      Deployment d,
      Collection<ReplicaSet> replicaSets,
      Function<ReplicaSet, Collection<Pod>> podsOf) {
    String image = KubeObjects.image(KubeObjects.template(d), target.container());
    if (image == null) {
      throw noSuchContainer(target, d);
    }
    List<ReplicaSet> owned = owned(d, replicaSets);
    List<PodProblem> problems =
        KubeObjects.newReplicaSet(d, owned)
            .map(
                rs ->
                    PodProblems.of(podsOf.apply(rs).stream().filter(p -> isPodOf(p, rs)).toList()))
            .orElse(List.of());
    return new RolloutSnapshot(
        RolloutStatusMapper.map(d),
        KubeObjects.revision(d),
        image,
        problems,
        pause(d),
        restartedAt(d));
  }

  /**
   * {@code spec.paused}, with who and since when from Deckhand's annotations (empty when another
   * tool paused it); annotations left on a deployment that is not paused are ignored.
   */
  static Pause pause(Deployment d) {
    if (d.getSpec() == null || !Boolean.TRUE.equals(d.getSpec().getPaused())) {
      return Pause.NONE;
    }
    return new Pause(
        true,
        orEmpty(KubeObjects.annotation(d, KubeObjects.PAUSED_BY)),
        orEmpty(KubeObjects.annotation(d, KubeObjects.PAUSED_AT)));
  }

  /** The pod template's restartedAt annotation, empty when none. */
  static String restartedAt(Deployment d) {
    PodTemplateSpec template = KubeObjects.template(d);
    if (template == null
        || template.getMetadata() == null
        || template.getMetadata().getAnnotations() == null) {
      return "";
    }
    return orEmpty(template.getMetadata().getAnnotations().get(KubeObjects.RESTARTED_AT));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static List<ReplicaSet> owned(Deployment d, Collection<ReplicaSet> replicaSets) {
    return replicaSets.stream().filter(rs -> KubeObjects.ownedBy(rs, "Deployment", d)).toList();
  }

  /**
   * Whether the pod belongs to the ReplicaSet: it carries the ReplicaSet's {@code
   * pod-template-hash} (or, for a ReplicaSet without one, its selector's labels) and, when it names
   * a ReplicaSet owner at all, names this one.
   */
  static boolean isPodOf(Pod pod, ReplicaSet rs) {
    Map<String, String> wanted = podLabels(rs);
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (wanted.isEmpty() || labels == null || !labels.entrySet().containsAll(wanted.entrySet())) {
      return false;
    }
    List<String> owners = KubeObjects.ownerNames(pod, "ReplicaSet");
    return owners.isEmpty() || owners.contains(rs.getMetadata().getName());
  }

  /** The labels that select the ReplicaSet's pods. */
  static Map<String, String> podLabels(ReplicaSet rs) {
    String hash = KubeObjects.label(rs, KubeObjects.POD_TEMPLATE_HASH);
    if (hash != null) {
      return Map.of(KubeObjects.POD_TEMPLATE_HASH, hash);
    }
    if (rs.getSpec() == null
        || rs.getSpec().getSelector() == null
        || rs.getSpec().getSelector().getMatchLabels() == null) {
      return Map.of();
    }
    return rs.getSpec().getSelector().getMatchLabels();
  }

  static ClusterException noSuchContainer(Target t, Deployment d) {
    return new ClusterException(
        "deployment "
            + t.namespace()
            + "/"
            + t.deployment()
            + " in cluster "
            + t.cluster()
            + " has no container '"
            + t.container()
            + "'; its containers are: "
            + KubeObjects.containerNames(KubeObjects.template(d)));
  }
}
