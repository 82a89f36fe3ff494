package dev.deckhand.commands.look;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code /describe} shows of a deployment: its generation, replica counts, conditions, the
 * images of its pod template, and every pod it owns with state, restarts and the digests the
 * kubelet resolved.
 */
public record Description(
    String deployment,
    long generation,
    long observedGeneration,
    boolean paused,
    Replicas replicas,
    List<Condition> conditions,
    List<Image> images,
    List<PodState> pods) {
  public Description {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(replicas, "replicas");
    conditions = List.copyOf(conditions);
    images = List.copyOf(images);
    pods = List.copyOf(pods);
  }

  /** Desired, updated, ready and available replicas, as {@code kubectl get deploy} counts them. */
  public record Replicas(int desired, int updated, int ready, int available) {}

  /** A condition such as {@code Progressing=True (NewReplicaSetAvailable)}. */
  public record Condition(String type, String status, String reason, String message) {}

  /** A container of the pod template and its image reference. */
  public record Image(String container, String image) {}

  /**
   * One pod: its phase, whether it is ready, its restarts (all containers), its state as kubectl
   * shows it ({@code Running}, {@code CrashLoopBackOff}, {@code ImagePullBackOff}…), and the image
   * ids (with digests) its containers run.
   */
  public record PodState(
      String name,
      Instant created,
      String phase,
      boolean ready,
      int restarts,
      String state,
      List<String> imageIds) {
    public PodState {
      Objects.requireNonNull(name, "name");
      imageIds = List.copyOf(imageIds);
    }
  }
}
