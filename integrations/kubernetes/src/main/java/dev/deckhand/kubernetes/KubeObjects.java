package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure helpers over fabric8 model objects: revisions, ownership, containers. */
final class KubeObjects {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  /** The pod template annotation {@code kubectl rollout restart} sets. */
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** Who paused the deployment, written by Deckhand with {@code spec.paused}. */
  static final String PAUSED_BY = "deckhand.dev/paused-by";

  /** When it was paused (RFC 3339), written by Deckhand with {@code spec.paused}. */
  static final String PAUSED_AT = "deckhand.dev/paused-at";

  private KubeObjects() {}

  /** The {@code deployment.kubernetes.io/revision} annotation; 0 when absent or not a number. */
  static long revision(HasMetadata o) {
    String value = annotation(o, REVISION);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String annotation(HasMetadata o, String key) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  static String label(HasMetadata o, String key) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  /**
   * Whether {@code child} has an owner reference to {@code owner} of the given kind: matched by
   * name, and by uid when both sides have one.
   */
  static boolean ownedBy(HasMetadata child, String kind, HasMetadata owner) {
    String name = owner.getMetadata().getName();
    String uid = owner.getMetadata().getUid();
    return ownerRefs(child).stream()
        .anyMatch(
            r ->
                kind.equals(r.getKind())
                    && name.equals(r.getName())
                    && (r.getUid() == null || uid == null || uid.equals(r.getUid())));
  }

  /** The names of the owners of the given kind. */
  static List<String> ownerNames(HasMetadata child, String kind) {
    return ownerRefs(child).stream()
        .filter(r -> kind.equals(r.getKind()))
        .map(OwnerReference::getName)
        .toList();
  }

  private static List<OwnerReference> ownerRefs(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs;
  }

  /** The ReplicaSet whose revision equals the deployment's, if any. */
  static Optional<ReplicaSet> newReplicaSet(Deployment d, Collection<ReplicaSet> owned) {
    // As the deployment controller does (EqualIgnoreHash): the new ReplicaSet is the one whose
    // pod template equals the deployment's, ignoring the pod-template-hash label. Unlike the
    // revision annotation, this is right the moment the template changes, so pods of the previous
    // ReplicaSet are never taken for pods of the new one.
    PodTemplateSpec wanted = template(d);
    if (wanted == null) {
      return Optional.empty();
    }
    return owned.stream().filter(rs -> sameTemplate(wanted, rs)).findFirst();
  }

  private static boolean sameTemplate(PodTemplateSpec wanted, ReplicaSet rs) {
    if (rs.getSpec() == null || rs.getSpec().getTemplate() == null) {
      return false;
    }
    PodTemplateSpec candidate = rs.getSpec().getTemplate();
    if (CachedCopies.isTrimmed(wanted) || CachedCopies.isTrimmed(candidate)) {
      // The informers' trimmed copies keep a digest of the template instead of the template.
      return CachedCopies.fingerprint(wanted).equals(CachedCopies.fingerprint(candidate));
    }
    return withoutHash(wanted).equals(withoutHash(candidate));
  }

  /** A copy of the template without the {@code pod-template-hash} label. */
  static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    PodTemplateSpec copy =
        new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(template).build();
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      java.util.Map<String, String> labels =
          new java.util.LinkedHashMap<>(copy.getMetadata().getLabels());
      labels.remove("pod-template-hash");
      copy.getMetadata().setLabels(labels.isEmpty() ? null : labels);
    }
    return copy;
  }

  /** The deployment's pod template, or null when it has no spec. */
  static PodTemplateSpec template(Deployment d) {
    return d.getSpec() == null ? null : d.getSpec().getTemplate();
  }

  static List<Container> containers(PodTemplateSpec template) {
    if (template == null || template.getSpec() == null) {
      return List.of();
    }
    PodSpec spec = template.getSpec();
    return spec.getContainers() == null ? List.of() : spec.getContainers();
  }

  /** The index of the named container in the template, or -1. */
  static int containerIndex(PodTemplateSpec template, String name) {
    List<Container> containers = containers(template);
    for (int i = 0; i < containers.size(); i++) {
      if (name.equals(containers.get(i).getName())) {
        return i;
      }
    }
    return -1;
  }

  /** The image of the named container, or {@code null} when there is no such container. */
  static String image(PodTemplateSpec template, String name) {
    int i = containerIndex(template, name);
    return i < 0 ? null : containers(template).get(i).getImage();
  }

  static String containerNames(PodTemplateSpec template) {
    List<String> names = containers(template).stream().map(Container::getName).toList();
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
