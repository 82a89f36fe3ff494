package dev.deckhand.kubesim;

import java.util.List;

/**
 * The arithmetic of Kubernetes' rolling update ({@code pkg/controller/deployment/rolling.go}), free
 * of API objects so it can be tested alone. Stateless.
 */
final class RollingUpdate {

  /** One ReplicaSet as the arithmetic sees it: desired pods and available pods. */
  record Scale(int replicas, int available) {}

  /** {@code maxSurge} and {@code maxUnavailable} resolved against the desired replicas. */
  record Fenceposts(int maxSurge, int maxUnavailable) {}

  private RollingUpdate() {}

  /**
   * Surge rounds up, unavailability rounds down; if both come out zero, one pod may be unavailable
   * so the rollout can move at all.
   */
  static Fenceposts fenceposts(IntOrPercent surge, IntOrPercent unavailable, int desired) {
    int maxSurge = surge.scaled(desired, true);
    int maxUnavailable = unavailable.scaled(desired, false);
    if (maxSurge == 0 && maxUnavailable == 0) {
      maxUnavailable = 1;
    }
    return new Fenceposts(maxSurge, maxUnavailable);
  }

  /** How many pods the new ReplicaSet should want now. */
  static int newReplicas(int desired, int maxSurge, int newReplicas, int allReplicas) {
    if (newReplicas >= desired) {
      return desired;
    }
    int maxTotal = desired + maxSurge;
    if (allReplicas >= maxTotal) {
      return newReplicas;
    }
    return newReplicas + Math.min(maxTotal - allReplicas, desired - newReplicas);
  }

  /**
   * How many pods each old ReplicaSet (oldest first) should want now: first drop pods that are not
   * available anyway, then available ones while at least {@code desired - maxUnavailable} stay
   * available.
   */
  static int[] oldReplicas(int desired, int maxUnavailable, Scale newSet, List<Scale> oldSets) {
    int[] result = oldSets.stream().mapToInt(Scale::replicas).toArray();
    int oldPods = sum(result);
    if (oldPods == 0) {
      return result;
    }
    int minAvailable = desired - maxUnavailable;
    int newUnavailable = Math.max(0, newSet.replicas() - newSet.available());
    int maxScaledDown = oldPods + newSet.replicas() - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return result;
    }
    int cleaned = 0;
    for (int i = 0; i < result.length && cleaned < maxScaledDown; i++) {
      int unhealthy = result[i] - Math.min(result[i], oldSets.get(i).available());
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      result[i] -= down;
      cleaned += down;
    }
    int available = newSet.available();
    for (int i = 0; i < result.length; i++) {
      available += Math.min(result[i], oldSets.get(i).available());
    }
    int toScaleDown = available - minAvailable;
    for (int i = 0; i < result.length && toScaleDown > 0; i++) {
      int down = Math.min(result[i], toScaleDown);
      result[i] -= down;
      toScaleDown -= down;
    }
    return result;
  }

  private static int sum(int[] values) {
    int total = 0;
    for (int value : values) {
      total += value;
    }
    return total;
  }
}
