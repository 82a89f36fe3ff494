package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * The verdict of {@code kubectl rollout status} ({@code DeploymentStatusViewer}) for a Deployment.
 */
enum RolloutVerdict {
  WAITING,
  DONE,
  FAILED;

  static RolloutVerdict of(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    if (status == null
        || value(deployment.getMetadata().getGeneration())
            > value(status.getObservedGeneration())) {
      return WAITING;
    }
    if (status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    DeploymentStatuses.PROGRESSING.equals(c.getType())
                        && DeploymentStatuses.DEADLINE_EXCEEDED.equals(c.getReason()))) {
      return FAILED;
    }
    int desired = DeploymentStatuses.desired(deployment);
    int updated = value(status.getUpdatedReplicas());
    if (updated < desired
        || value(status.getReplicas()) > updated
        || value(status.getAvailableReplicas()) < updated) {
      return WAITING;
    }
    return DONE;
  }

  private static long value(Long value) {
    return value == null ? 0 : value;
  }

  private static int value(Integer value) {
    return value == null ? 0 : value;
  }
}
