package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.Revision;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code kubectl rollout history} and {@code kubectl rollout undo} for apps/v1, both read from the
 * ReplicaSets the deployment owns. Undo is client-side, as in kubectl: the chosen ReplicaSet's pod
 * template, without its {@code pod-template-hash} label, replaces the deployment's in one JSON
 * patch. Thread-safe.
 */
final class RolloutHistory {
  private final DeploymentApi api;

  RolloutHistory(DeploymentApi api) {
    this.api = api;
  }

  List<Revision> history(Target t) {
    Deployment d = api.get(t);
    long current = KubeObjects.revision(d);
    return byRevision(api.ownedReplicaSets(t, d)).stream()
        .map(
            rs -> {
              long n = KubeObjects.revision(rs);
              String image = KubeObjects.image(rs.getSpec().getTemplate(), t.container());
              return new Revision(
                  n,
                  image == null ? "" : image,
                  KubeObjects.annotation(rs, KubeObjects.CHANGE_CAUSE),
                  n == current);
            })
        .toList();
  }

  long undo(Target t, long toRevision, String changeCause) {
    if (toRevision < 0) {
      throw new ClusterException("a revision is a positive number, not " + toRevision);
    }
    Deployment d = api.get(t);
    if (d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())) {
      throw new ClusterException(
          describe(t) + " is paused; resume it before rolling back (kubectl refuses too)");
    }
    List<ReplicaSet> revisions = byRevision(api.ownedReplicaSets(t, d));
    ReplicaSet wanted = choose(t, d, revisions, toRevision);
    PodTemplateSpec template = withoutHash(wanted.getSpec().getTemplate());
    if (Objects.equals(template, withoutHash(KubeObjects.template(d)))) {
      throw new ClusterException(
          describe(t)
              + " already runs the pod template of revision "
              + KubeObjects.revision(wanted)
              + "; nothing to roll back");
    }
    JsonPatch patch =
        new JsonPatch()
            .replace("/spec/template", template)
            .setAnnotation(d, KubeObjects.CHANGE_CAUSE, changeCause);
    Long generation = api.jsonPatch(t, patch.ops(), "rolling back").getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static ReplicaSet choose(
      Target t, Deployment d, List<ReplicaSet> revisions, long toRevision) {
    if (toRevision > 0) {
      return revisions.stream()
          .filter(rs -> KubeObjects.revision(rs) == toRevision)
          .findFirst()
          .orElseThrow(
              () ->
                  new ClusterException(
                      describe(t)
                          + " has no revision "
                          + toRevision
                          + "; its revisions are: "
                          + numbers(revisions)));
    }
    long current =
        KubeObjects.revision(d) > 0
            ? KubeObjects.revision(d)
            : revisions.isEmpty() ? 0 : KubeObjects.revision(revisions.get(revisions.size() - 1));
    return revisions.stream()
        .filter(rs -> KubeObjects.revision(rs) < current)
        .reduce((older, newer) -> newer)
        .orElseThrow(
            () ->
                new ClusterException(
                    describe(t)
                        + " has no previous revision to roll back to (revisions: "
                        + numbers(revisions)
                        + ")"));
  }

  /** Owned ReplicaSets that carry a revision, oldest first. */
  private static List<ReplicaSet> byRevision(List<ReplicaSet> owned) {
    return owned.stream()
        .filter(rs -> KubeObjects.revision(rs) > 0 && rs.getSpec() != null)
        .sorted(Comparator.comparingLong(KubeObjects::revision))
        .toList();
  }

  /** A copy of the template without the {@code pod-template-hash} label; null for null. */
  static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    if (template == null) {
      return null;
    }
    PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
      labels.remove(KubeObjects.POD_TEMPLATE_HASH);
      copy.getMetadata().setLabels(labels);
    }
    return copy;
  }

  private static String numbers(List<ReplicaSet> revisions) {
    return revisions.isEmpty()
        ? "none"
        : revisions.stream()
            .map(rs -> String.valueOf(KubeObjects.revision(rs)))
            .collect(Collectors.joining(", "));
  }

  private static String describe(Target t) {
    return "deployment " + t.namespace() + "/" + t.deployment() + " in cluster " + t.cluster();
  }
}
