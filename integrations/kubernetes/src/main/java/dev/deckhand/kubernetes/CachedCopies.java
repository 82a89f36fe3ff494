package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The trimmed copies the shared informers keep of Deployments, ReplicaSets and Pods: only what
 * {@link SnapshotAssembler} reads. An API object carries its whole pod template (every container's
 * probes, ports, resources, environment), {@code managedFields} and often a copy of itself in the
 * {@code last-applied-configuration} annotation; kept for every ReplicaSet and pod of every watched
 * deployment, that is most of the bot's heap. What stays:
 *
 * <ul>
 *   <li>metadata: name, namespace, uid, resource version, generation, labels, owner references and
 *       the revision, change-cause, paused-by and paused-at annotations;
 *   <li>a pod template reduced to each container's name and image and its restartedAt annotation,
 *       plus {@link #FINGERPRINT}: a digest of the whole template (restartedAt included) without
 *       its {@code pod-template-hash} label, which is what {@link KubeObjects#newReplicaSet}
 *       compares (as the deployment controller does);
 *   <li>the Deployment's and ReplicaSet's spec scalars ({@code paused} among them) and selector,
 *       and the Deployment's status;
 *   <li>a pod's container statuses (name, ready, restarts, state, last state), nothing of its spec.
 * </ul>
 *
 * The copies never leave the cache: nothing is written back to the API server from them. Pure and
 * thread-safe.
 */
final class CachedCopies {
  /** The annotation, on a trimmed template, holding the digest of the template it replaced. */
  static final String FINGERPRINT = "deckhand.dev/pod-template-fingerprint";

  private static final List<String> KEPT_ANNOTATIONS =
      List.of(
          KubeObjects.REVISION,
          KubeObjects.CHANGE_CAUSE,
          KubeObjects.PAUSED_BY,
          KubeObjects.PAUSED_AT);

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private CachedCopies() {}

  static Deployment deployment(Deployment d) {
    DeploymentSpec spec = d.getSpec();
    return new DeploymentBuilder()
        .withMetadata(metadata(d.getMetadata()))
        .withSpec(
            spec == null
                ? null
                : new DeploymentSpecBuilder()
                    .withReplicas(spec.getReplicas())
                    .withPaused(spec.getPaused())
                    .withMinReadySeconds(spec.getMinReadySeconds())
                    .withProgressDeadlineSeconds(spec.getProgressDeadlineSeconds())
                    .withRevisionHistoryLimit(spec.getRevisionHistoryLimit())
                    .withSelector(spec.getSelector())
                    .withTemplate(template(spec.getTemplate()))
                    .build())
        .withStatus(d.getStatus())
        .build();
  }

  static ReplicaSet replicaSet(ReplicaSet rs) {
    ReplicaSetSpec spec = rs.getSpec();
    return new ReplicaSetBuilder()
        .withMetadata(metadata(rs.getMetadata()))
        .withSpec(
            spec == null
                ? null
                : new ReplicaSetSpecBuilder()
                    .withReplicas(spec.getReplicas())
                    .withMinReadySeconds(spec.getMinReadySeconds())
                    .withSelector(spec.getSelector())
                    .withTemplate(template(spec.getTemplate()))
                    .build())
        .withStatus(rs.getStatus())
        .build();
  }

  static Pod pod(Pod p) {
    PodStatus status = p.getStatus();
    return new PodBuilder()
        .withMetadata(metadata(p.getMetadata()))
        .withStatus(
            status == null
                ? null
                : new PodStatusBuilder()
                    .withPhase(status.getPhase())
                    .withInitContainerStatuses(containerStatuses(status.getInitContainerStatuses()))
                    .withContainerStatuses(containerStatuses(status.getContainerStatuses()))
                    .build())
        .build();
  }

  /**
   * The template's fingerprint: the one a trimmed copy carries, else the digest of the template
   * without its {@code pod-template-hash} label; null for no template.
   */
  static String fingerprint(PodTemplateSpec template) {
    if (template == null) {
      return null;
    }
    String kept = annotations(template.getMetadata()).get(FINGERPRINT);
    return kept != null ? kept : digest(KubeObjects.withoutHash(template));
  }

  static boolean isTrimmed(PodTemplateSpec template) {
    return template != null && annotations(template.getMetadata()).containsKey(FINGERPRINT);
  }

  private static PodTemplateSpec template(PodTemplateSpec template) {
    if (template == null || isTrimmed(template)) {
      return template;
    }
    List<Container> containers =
        KubeObjects.containers(template).stream()
            .map(c -> new ContainerBuilder().withName(c.getName()).withImage(c.getImage()).build())
            .toList();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(FINGERPRINT, fingerprint(template));
    String restartedAt = annotations(template.getMetadata()).get(KubeObjects.RESTARTED_AT);
    if (restartedAt != null) {
      annotations.put(KubeObjects.RESTARTED_AT, restartedAt);
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withContainers(containers)
        .endSpec()
        .build();
  }

  private static ObjectMeta metadata(ObjectMeta m) {
    if (m == null) {
      return null;
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    Map<String, String> all = annotations(m);
    for (String key : KEPT_ANNOTATIONS) {
      if (all.containsKey(key)) {
        annotations.put(key, all.get(key));
      }
    }
    return new ObjectMetaBuilder()
        .withName(m.getName())
        .withNamespace(m.getNamespace())
        .withUid(m.getUid())
        .withResourceVersion(m.getResourceVersion())
        .withGeneration(m.getGeneration())
        .withLabels(m.getLabels())
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .withOwnerReferences(m.getOwnerReferences())
        .build();
  }

  private static List<ContainerStatus> containerStatuses(List<ContainerStatus> statuses) {
    if (statuses == null) {
      return null;
    }
    return statuses.stream()
        .filter(Objects::nonNull)
        .map(
            cs ->
                new ContainerStatusBuilder()
                    .withName(cs.getName())
                    .withReady(cs.getReady())
                    .withRestartCount(cs.getRestartCount())
                    .withState(cs.getState())
                    .withLastState(cs.getLastState())
                    .build())
        .toList();
  }

  private static Map<String, String> annotations(ObjectMeta m) {
    return m == null || m.getAnnotations() == null ? Map.of() : m.getAnnotations();
  }

  /**
   * SHA-256 (128 bits of it) of the template as JSON with every object's keys sorted, so that
   * templates equal as objects (labels in any order) give the same digest.
   */
  private static String digest(PodTemplateSpec template) {
    String json = JSON.asJson(sorted(JSON.convertValue(template, Map.class)));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new TreeMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), sorted(v)));
      return result;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CachedCopies::sorted).toList();
    }
    return value;
  }
}
