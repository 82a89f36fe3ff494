package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns fabric8 failures into {@link ClusterException}s whose message names what was being done.
 */
final class Failures {
  private Failures() {}

  static ClusterException notFound(Target t) {
    return new ClusterException(
        "deployment "
            + t.namespace()
            + "/"
            + t.deployment()
            + " not found in cluster "
            + t.cluster());
  }

  /**
   * Wraps {@code e}; a 404 becomes "deployment ns/x not found in cluster c".
   *
   * @param doing what was being done, as a gerund phrase ("patching", "reading the ReplicaSets of")
   */
  static ClusterException wrap(KubernetesClientException e, String doing, Target t) {
    if (e.getCode() == 404) {
      return new ClusterException(notFound(t).getMessage(), e);
    }
    return new ClusterException(
        "while "
            + doing
            + " deployment "
            + t.namespace()
            + "/"
            + t.deployment()
            + " in cluster "
            + t.cluster()
            + ": "
            + reason(e),
        e);
  }

  /** The API server's own message when it sent one, else the client's. */
  static String reason(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage() + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "");
    }
    return e.getMessage();
  }
}
