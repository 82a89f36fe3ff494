package dev.deckhand.kubesim;

import dev.deckhand.kubesim.DeploymentStatuses.NewReplicaSetEvent;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment controller for one Deployment per call: finds or creates the ReplicaSet of the
 * current template, keeps revision annotations, moves the rollout within the strategy's bounds, has
 * the pods synced and writes the status. Confined to the controller thread; blocks on API calls.
 */
final class DeploymentSync {

  private static final Comparator<ReplicaSet> OLDEST_FIRST =
      Comparator.comparing(
              (ReplicaSet rs) -> String.valueOf(rs.getMetadata().getCreationTimestamp()))
          .thenComparing(rs -> rs.getMetadata().getName());

  private final ClusterWriter writer;
  private final ReplicaSetSync replicaSets;
  private final PodTemplates templates;
  private final DeploymentStatuses statuses;
  private final Rollout rollout;
  private final Clock clock;

  DeploymentSync(
      ClusterWriter writer,
      ReplicaSetSync replicaSets,
      PodTemplates templates,
      DeploymentStatuses statuses,
      Clock clock) {
    this.writer = writer;
    this.replicaSets = replicaSets;
    this.templates = templates;
    this.statuses = statuses;
    this.rollout = new Rollout(writer);
    this.clock = clock;
  }

  /**
   * @param owned the Deployment's ReplicaSets
   * @param pods live pods by ReplicaSet uid; lists are updated in place
   */
  void sync(Deployment deployment, List<ReplicaSet> owned, Map<String, List<Pod>> pods) {
    boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    String current = templates.canonical(deployment, template);
    ReplicaSet newSet =
        owned.stream()
            .filter(rs -> current.equals(templates.canonical(rs, rs.getSpec().getTemplate())))
            .max(Comparator.comparingLong(Revisions::revision))
            .orElse(null);
    List<ReplicaSet> oldSets = new ArrayList<>(owned);
    oldSets.remove(newSet);
    oldSets.sort(OLDEST_FIRST);
    long nextRevision = 1 + oldSets.stream().mapToLong(Revisions::revision).max().orElse(0);
    NewReplicaSetEvent event = NewReplicaSetEvent.NONE;
    if (newSet == null && !paused) {
      newSet = writer.create(newReplicaSet(deployment, template, nextRevision));
      event = NewReplicaSetEvent.CREATED;
    } else if (newSet != null) {
      ReplicaSet updated = syncAnnotations(deployment, newSet, nextRevision);
      event = updated == newSet ? NewReplicaSetEvent.NONE : NewReplicaSetEvent.FOUND;
      newSet = updated;
    }
    if (newSet != null) {
      pods.computeIfAbsent(newSet.getMetadata().getUid(), uid -> new ArrayList<>());
      deployment = syncRevision(deployment, Revisions.revision(newSet));
    }
    Rollout.Result scaled = rollout.scale(deployment, paused, newSet, oldSets, pods);
    newSet = scaled.newSet();
    oldSets = scaled.oldSets();
    List<ReplicaSet> all = new ArrayList<>(oldSets);
    if (newSet != null) {
      all.add(newSet);
    }
    all.forEach(rs -> replicaSets.deleteExcess(rs, podsOf(rs, pods)));
    all.forEach(rs -> replicaSets.createMissing(rs, podsOf(rs, pods)));
    int existing = 0;
    int ready = 0;
    int wanted = 0;
    for (ReplicaSet rs : all) {
      List<Pod> mine = podsOf(rs, pods);
      replicaSets.syncStatus(rs, mine);
      existing += mine.size();
      ready += (int) mine.stream().filter(ReplicaSetSync::isReady).count();
      wanted += ReplicaSetSync.replicas(rs);
    }
    int updated = newSet == null ? 0 : podsOf(newSet, pods).size();
    DeploymentStatus status =
        statuses.compute(
            deployment,
            newSet == null ? null : newSet.getMetadata().getName(),
            event,
            new DeploymentStatuses.Counts(existing, updated, ready, wanted),
            rollout.fenceposts(deployment).maxUnavailable(),
            clock.instant());
    if (!status.equals(deployment.getStatus())) {
      writer.replaceStatus(deployment, status);
    }
    // As in Kubernetes: a paused Deployment's history is cleaned up on every sync, a rolling one's
    // once its rollout is complete.
    if (paused || DeploymentStatuses.complete(deployment, status)) {
      cleanUpHistory(deployment, oldSets, pods);
    }
  }

  private static List<Pod> podsOf(ReplicaSet rs, Map<String, List<Pod>> pods) {
    return pods.computeIfAbsent(rs.getMetadata().getUid(), uid -> new ArrayList<>());
  }

  private ReplicaSet newReplicaSet(Deployment deployment, PodTemplateSpec template, long revision) {
    String hash = templates.hash(template);
    PodTemplateSpec labelled = PodTemplates.withHashLabel(template, hash);
    Map<String, String> annotations = Revisions.copyable(deployment);
    annotations.put(Revisions.REVISION, Long.toString(revision));
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(deployment.getMetadata().getName() + "-" + hash)
        .withNamespace(deployment.getMetadata().getNamespace())
        .withLabels(labelled.getMetadata().getLabels())
        .withAnnotations(annotations)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(deployment.getMetadata().getName())
                .withUid(deployment.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withMinReadySeconds(deployment.getSpec().getMinReadySeconds())
        .withSelector(
            new LabelSelectorBuilder(deployment.getSpec().getSelector())
                .addToMatchLabels(PodTemplates.HASH_LABEL, hash)
                .build())
        .withTemplate(labelled)
        .endSpec()
        .build();
  }

  /**
   * Gives a reused ReplicaSet (a rollback) the next revision, remembering the old one in {@code
   * revision-history}, and passes on annotations such as the change cause.
   */
  private ReplicaSet syncAnnotations(Deployment deployment, ReplicaSet newSet, long nextRevision) {
    Map<String, String> current = Revisions.annotations(newSet);
    Map<String, String> wanted = new LinkedHashMap<>(current);
    wanted.putAll(Revisions.copyable(deployment));
    long revision = Revisions.revision(newSet);
    if (revision < nextRevision) {
      wanted.put(Revisions.REVISION, Long.toString(nextRevision));
      if (revision > 0) {
        String history = current.get(Revisions.REVISION_HISTORY);
        wanted.put(
            Revisions.REVISION_HISTORY, history == null ? "" + revision : history + "," + revision);
      }
    }
    if (wanted.equals(current)) {
      return newSet;
    }
    return writer.patch(
        newSet, "{\"metadata\":{\"annotations\":" + Serialization.asJson(wanted) + "}}");
  }

  private Deployment syncRevision(Deployment deployment, long revision) {
    String wanted = Long.toString(revision);
    if (wanted.equals(Revisions.annotations(deployment).get(Revisions.REVISION))) {
      return deployment;
    }
    return writer.patch(
        deployment,
        "{\"metadata\":{\"annotations\":{\"" + Revisions.REVISION + "\":\"" + wanted + "\"}}}");
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond {@code spec.revisionHistoryLimit}. */
  private void cleanUpHistory(
      Deployment deployment, List<ReplicaSet> oldSets, Map<String, List<Pod>> pods) {
    Integer limit = deployment.getSpec().getRevisionHistoryLimit();
    List<ReplicaSet> idle =
        oldSets.stream()
            .filter(rs -> ReplicaSetSync.replicas(rs) == 0 && podsOf(rs, pods).isEmpty())
            .sorted(Comparator.comparingLong(Revisions::revision))
            .toList();
    int excess = idle.size() - (limit == null ? 10 : limit);
    for (int i = 0; i < excess; i++) {
      writer.delete(idle.get(i));
    }
  }
}
