package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The annotations the deployment controller reads and writes. Stateless. */
final class Revisions {

  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
  private static final Set<String> NOT_COPIED =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          REVISION,
          REVISION_HISTORY,
          DESIRED_REPLICAS,
          MAX_REPLICAS,
          "deprecated.deployment.rollback.to");

  private Revisions() {}

  static long revision(HasMetadata object) {
    String value = annotations(object).get(REVISION);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Map<String, String> annotations(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  /**
   * The annotations a Deployment passes on to its new ReplicaSet (such as {@code
   * kubernetes.io/change-cause}): all but the controller's own and kubectl's last applied state.
   */
  static Map<String, String> copyable(HasMetadata deployment) {
    Map<String, String> copied = new LinkedHashMap<>();
    annotations(deployment)
        .forEach(
            (key, value) -> {
              if (!NOT_COPIED.contains(key)) {
                copied.put(key, value);
              }
            });
    return copied;
  }
}
