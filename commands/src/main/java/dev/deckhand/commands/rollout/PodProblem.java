package dev.deckhand.commands.rollout;

/**
 * A pod of the new ReplicaSet in a state that will not heal by waiting: {@code ImagePullBackOff},
 * {@code ErrImagePull}, {@code CrashLoopBackOff}, {@code CreateContainerConfigError}, {@code
 * InvalidImageName} (waiting) or {@code OOMKilled} (last terminated).
 */
public record PodProblem(
    String pod, String container, String reason, String message, int restarts) {
  public PodProblem {
    message = message == null ? "" : message;
    container = container == null ? "" : container;
  }
}
