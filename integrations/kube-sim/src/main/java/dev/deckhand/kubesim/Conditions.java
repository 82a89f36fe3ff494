package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Instant;
import java.util.List;

/** Editing a Deployment's condition list the way {@code deploymentutil} does. Stateless. */
final class Conditions {

  private Conditions() {}

  /** Like {@code SetDeploymentCondition}: no change when status and reason are the same. */
  static void set(
      List<DeploymentCondition> conditions,
      String type,
      String status,
      String reason,
      String message,
      Instant now) {
    DeploymentCondition current = find(conditions, type);
    if (current != null
        && status.equals(current.getStatus())
        && reason.equals(current.getReason())) {
      return;
    }
    Instant since =
        current != null && status.equals(current.getStatus())
            ? SimTime.parse(current.getLastTransitionTime())
            : now;
    replace(conditions, condition(type, status, reason, message, now, since));
  }

  static void replace(List<DeploymentCondition> conditions, DeploymentCondition condition) {
    for (int i = 0; i < conditions.size(); i++) {
      if (condition.getType().equals(conditions.get(i).getType())) {
        conditions.set(i, condition);
        return;
      }
    }
    conditions.add(condition);
  }

  static DeploymentCondition find(List<DeploymentCondition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  static DeploymentCondition condition(
      String type,
      String status,
      String reason,
      String message,
      Instant updated,
      Instant transitioned) {
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastUpdateTime(SimTime.format(updated))
        .withLastTransitionTime(SimTime.format(transitioned == null ? updated : transitioned))
        .build();
  }
}
