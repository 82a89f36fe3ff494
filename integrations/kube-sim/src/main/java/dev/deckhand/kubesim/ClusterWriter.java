package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Every write the controller makes, through the API server as a real controller would: status
 * through the {@code /status} subresource, spec and metadata with merge patches. Records each
 * answer in the matching {@link ObjectView}. Confined to the controller thread; each call blocks
 * for one HTTP round trip and throws {@link io.fabric8.kubernetes.client.KubernetesClientException}
 * on failure.
 */
final class ClusterWriter {

  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private static final PatchContext JSON = PatchContext.of(PatchType.JSON);

  private final KubernetesClient client;
  private final ObjectView<Deployment> deployments;
  private final ObjectView<ReplicaSet> replicaSets;
  private final ObjectView<Pod> pods;
  private final ObjectView<Job> jobs;
  private final SimEvents events;

  ClusterWriter(
      KubernetesClient client,
      ObjectView<Deployment> deployments,
      ObjectView<ReplicaSet> replicaSets,
      ObjectView<Pod> pods,
      ObjectView<Job> jobs,
      SimEvents events) {
    this.client = client;
    this.jobs = jobs;
    this.events = events;
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
  }

  ReplicaSet create(ReplicaSet replicaSet) {
    ReplicaSet created =
        client
            .apps()
            .replicaSets()
            .inNamespace(replicaSet.getMetadata().getNamespace())
            .resource(replicaSet)
            .create();
    replicaSets.wrote(created);
    return created;
  }

  Pod create(Pod pod) {
    Pod created =
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    pods.wrote(created);
    events.pod(created, true);
    return created;
  }

  ReplicaSet patch(ReplicaSet replicaSet, String mergePatch) {
    ReplicaSet patched =
        client
            .apps()
            .replicaSets()
            .inNamespace(replicaSet.getMetadata().getNamespace())
            .resource(replicaSet)
            .patch(MERGE, mergePatch);
    replicaSets.wrote(patched);
    events.scaled(patched, ReplicaSetSync.replicas(replicaSet), ReplicaSetSync.replicas(patched));
    return patched;
  }

  Deployment patch(Deployment deployment, String mergePatch) {
    Deployment patched =
        client
            .apps()
            .deployments()
            .inNamespace(deployment.getMetadata().getNamespace())
            .resource(deployment)
            .patch(MERGE, mergePatch);
    deployments.wrote(patched);
    return patched;
  }

  /** Replaces the whole status (a merge patch would leave stale container states behind). */
  Pod replaceStatus(Pod pod, Object status) {
    Pod patched =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .resource(pod)
            .subresource("status")
            .patch(JSON, statusPatch(status));
    pods.wrote(patched);
    events.statusChanged(pod, patched);
    return patched;
  }

  ReplicaSet replaceStatus(ReplicaSet replicaSet, Object status) {
    ReplicaSet patched =
        client
            .apps()
            .replicaSets()
            .inNamespace(replicaSet.getMetadata().getNamespace())
            .resource(replicaSet)
            .subresource("status")
            .patch(JSON, statusPatch(status));
    replicaSets.wrote(patched);
    return patched;
  }

  Deployment replaceStatus(Deployment deployment, Object status) {
    Deployment patched =
        client
            .apps()
            .deployments()
            .inNamespace(deployment.getMetadata().getNamespace())
            .resource(deployment)
            .subresource("status")
            .patch(JSON, statusPatch(status));
    deployments.wrote(patched);
    return patched;
  }

  Job replaceStatus(Job job, JobStatus status) {
    Job patched =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(job.getMetadata().getNamespace())
            .resource(job)
            .subresource("status")
            .patch(JSON, statusPatch(status));
    jobs.wrote(patched);
    events.jobFinished(job, patched);
    return patched;
  }

  void delete(Pod pod) {
    client.pods().inNamespace(namespace(pod)).withName(pod.getMetadata().getName()).delete();
    pods.deleted(pod);
    events.pod(pod, false);
  }

  void delete(ReplicaSet replicaSet) {
    client
        .apps()
        .replicaSets()
        .inNamespace(namespace(replicaSet))
        .withName(replicaSet.getMetadata().getName())
        .delete();
    replicaSets.deleted(replicaSet);
  }

  private static String namespace(HasMetadata object) {
    return object.getMetadata().getNamespace();
  }

  private static String statusPatch(Object status) {
    return "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]";
  }
}
