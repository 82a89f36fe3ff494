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
 * @param pause whether rollouts are paused ({@code spec.paused}), and by whom
 * @param restartedAt the pod template's {@code kubectl.kubernetes.io/restartedAt} annotation, empty
 *     when none
 */
public record RolloutSnapshot(
    DeploymentStatus status,
    long revision,
    String image,
    List<PodProblem> problems,
    Pause pause,
    String restartedAt) {
  public RolloutSnapshot {
    problems = List.copyOf(problems);
    java.util.Objects.requireNonNull(pause, "pause");
    java.util.Objects.requireNonNull(restartedAt, "restartedAt");
  }

  /** A deployment that is not paused and was never restarted. */
  public RolloutSnapshot(
      DeploymentStatus status, long revision, String image, List<PodProblem> problems) {
    this(status, revision, image, problems, Pause.NONE, "");
  }
}
