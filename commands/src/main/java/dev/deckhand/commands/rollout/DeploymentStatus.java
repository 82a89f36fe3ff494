package dev.deckhand.commands.rollout;

import java.util.List;

/**
 * The fields of a Deployment that decide whether its rollout is done, as read from the API.
 *
 * @param generation {@code metadata.generation}
 * @param observedGeneration {@code status.observedGeneration}
 * @param specReplicas {@code spec.replicas} (1 when absent)
 * @param replicas {@code status.replicas}: pods of all ReplicaSets
 * @param updatedReplicas {@code status.updatedReplicas}: pods of the newest ReplicaSet
 * @param readyReplicas {@code status.readyReplicas}
 * @param availableReplicas {@code status.availableReplicas}
 * @param conditions {@code status.conditions}
 */
public record DeploymentStatus(
    long generation,
    long observedGeneration,
    int specReplicas,
    int replicas,
    int updatedReplicas,
    int readyReplicas,
    int availableReplicas,
    List<Condition> conditions) {
  public DeploymentStatus {
    conditions = List.copyOf(conditions);
  }

  /** One entry of {@code status.conditions}. */
  public record Condition(String type, String status, String reason, String message) {}
}
