package dev.deckhand.commands.rollout;

import java.util.List;

/**
 * What an informer knows about one deployment's rollout at one moment.
 *
 * @param status the deployment's status fields
 * @param revision the deployment's current revision ({@code deployment.kubernetes.io/revision}), 0
 *     when unknown
 * @param image the image of the target container as the spec now says
 * @param problems failing pods of the newest ReplicaSet, empty when none
 */
public record RolloutSnapshot(
    DeploymentStatus status, long revision, String image, List<PodProblem> problems) {
  public RolloutSnapshot {
    problems = List.copyOf(problems);
  }
}
