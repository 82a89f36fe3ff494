package dev.deckhand.commands.rollout;

/**
 * Whether a deployment's rollout is done, decided exactly as {@code kubectl rollout status} does
 * ({@code DeploymentStatusViewer} in kubectl's {@code rollout_status.go}).
 */
public sealed interface RolloutVerdict {

  /** A sentence for users, in kubectl's words. */
  String message();

  /** The rollout finished: every replica runs the new template and is available. */
  record Complete(String message) implements RolloutVerdict {}

  /** Still rolling; wait for the next change. */
  record Waiting(String message) implements RolloutVerdict {}

  /** The rollout will not finish by itself (progress deadline exceeded). */
  record Failed(String message) implements RolloutVerdict {}

  /** Applies kubectl's rule to a status. Pure. */
  static RolloutVerdict of(String deployment, DeploymentStatus s) {
    if (s.generation() > s.observedGeneration()) {
      return new Waiting("Waiting for deployment spec update to be observed...");
    }
    for (DeploymentStatus.Condition c : s.conditions()) {
      if ("Progressing".equals(c.type()) && "ProgressDeadlineExceeded".equals(c.reason())) {
        return new Failed("deployment \"" + deployment + "\" exceeded its progress deadline");
      }
    }
    if (s.updatedReplicas() < s.specReplicas()) {
      return new Waiting(
          String.format(
              "Waiting for deployment \"%s\" rollout to finish: %d out of %d new replicas have been"
                  + " updated...",
              deployment, s.updatedReplicas(), s.specReplicas()));
    }
    if (s.replicas() > s.updatedReplicas()) {
      return new Waiting(
          String.format(
              "Waiting for deployment \"%s\" rollout to finish: %d old replicas are pending"
                  + " termination...",
              deployment, s.replicas() - s.updatedReplicas()));
    }
    if (s.availableReplicas() < s.updatedReplicas()) {
      return new Waiting(
          String.format(
              "Waiting for deployment \"%s\" rollout to finish: %d of %d updated replicas are"
                  + " available...",
              deployment, s.availableReplicas(), s.updatedReplicas()));
    }
    return new Complete("deployment \"" + deployment + "\" successfully rolled out");
  }
}
