package dev.deckhand.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.commands.model.Target;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * The blocking API calls on one cluster that the {@code Cluster} operations are made of, each
 * wrapping fabric8 failures with context. Thread-safe (the client is).
 */
final class DeploymentApi {
  private final KubernetesClient client;

  DeploymentApi(KubernetesClient client) {
    this.client = client;
  }

  KubernetesClient client() {
    return client;
  }

  /** The deployment, or a "not found" {@code ClusterException}. */
  Deployment get(Target t) {
    Deployment d;
    try {
      d = client.apps().deployments().inNamespace(t.namespace()).withName(t.deployment()).get();
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "reading", t);
    }
    if (d == null) {
      throw Failures.notFound(t);
    }
    return d;
  }

  /** The ReplicaSets the deployment owns, listed by its selector's labels. */
  List<ReplicaSet> ownedReplicaSets(Target t, Deployment d) {
    Map<String, String> selector =
        d.getSpec() == null || d.getSpec().getSelector() == null
            ? null
            : d.getSpec().getSelector().getMatchLabels();
    try {
      var inNamespace = client.apps().replicaSets().inNamespace(t.namespace());
      List<ReplicaSet> listed =
          selector == null || selector.isEmpty()
              ? inNamespace.list().getItems()
              : inNamespace.withLabels(selector).list().getItems();
      return SnapshotAssembler.owned(d, listed);
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "listing the ReplicaSets of", t);
    }
  }

  /** Candidate pods of the ReplicaSet (by its pod labels); callers filter with {@code isPodOf}. */
  List<Pod> podsOf(Target t, ReplicaSet rs) {
    Map<String, String> labels = SnapshotAssembler.podLabels(rs);
    if (labels.isEmpty()) {
      return List.of();
    }
    try {
      return client.pods().inNamespace(t.namespace()).withLabels(labels).list().getItems();
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "listing the pods of", t);
    }
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to the deployment: a null value removes the key.
   *
   * @return the deployment as the server returned it
   */
  Deployment mergePatch(Target t, ObjectNode patch, String doing) {
    try {
      return client
          .apps()
          .deployments()
          .inNamespace(t.namespace())
          .withName(t.deployment())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, doing, t);
    }
  }

  /**
   * Applies a JSON patch (RFC 6902) to the deployment.
   *
   * @param ops the operations, serialized as JSON by the client's serializer
   * @return the deployment as the server returned it
   */
  Deployment jsonPatch(Target t, List<Map<String, Object>> ops, String doing) {
    String json = client.getKubernetesSerialization().asJson(ops);
    try {
      return client
          .apps()
          .deployments()
          .inNamespace(t.namespace())
          .withName(t.deployment())
          .patch(PatchContext.of(PatchType.JSON), json);
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, doing, t);
    }
  }
}
