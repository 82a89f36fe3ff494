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

  /**
   * One ReplicaSet for proportional scaling: its wanted pods, and the Deployment's maximum size
   * (replicas + surge) when it was last scaled (its {@code max-replicas} annotation, 0 if none).
   */
  record Sized(int replicas, int maxReplicasBefore) {}

  /**
   * A scaling event while several ReplicaSets have pods (a rollout in progress or paused), as
   * {@code scale} in {@code sync.go}: the difference between the Deployment's new maximum ({@code
   * desired + maxSurge}, or 0 when scaling to zero) and the pods wanted now is spread over the
   * ReplicaSets in proportion to their size; what rounding leaves goes to the largest one (newest
   * first when adding, oldest first when removing).
   *
   * @param statusReplicas the Deployment's {@code status.replicas}, for sets without an annotation
   * @param oldestFirst the ReplicaSets, oldest first
   * @return the new wanted pods of each, in the same order
   */
  static int[] proportional(
      int desired, int maxSurge, int statusReplicas, List<Sized> oldestFirst) {
    int[] result = oldestFirst.stream().mapToInt(Sized::replicas).toArray();
    int maxTotal = desired > 0 ? desired + maxSurge : 0;
    int toAdd = maxTotal - sum(result);
    if (toAdd == 0 || result.length == 0) {
      return result;
    }
    Integer[] order = new Integer[result.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            result[a] != result[b]
                ? Integer.compare(result[b], result[a])
                : toAdd > 0 ? Integer.compare(b, a) : Integer.compare(a, b));
    int added = 0;
    for (int i : order) {
      int proportion =
          proportion(oldestFirst.get(i), desired, desired + maxSurge, statusReplicas, toAdd, added);
      result[i] += proportion;
      added += proportion;
    }
    result[order[0]] = Math.max(0, result[order[0]] + toAdd - added);
    return result;
  }

  private static int proportion(
      Sized rs, int desired, int maxTotal, int statusReplicas, int toAdd, int added) {
    if (rs.replicas() == 0 || toAdd == added) {
      return 0;
    }
    int fraction;
    if (desired == 0) {
      fraction = -rs.replicas();
    } else {
      int before = rs.maxReplicasBefore() > 0 ? rs.maxReplicasBefore() : statusReplicas;
      double change = before == 0 ? 0 : (double) rs.replicas() * maxTotal / before - rs.replicas();
      fraction = (int) (Math.signum(change) * Math.round(Math.abs(change)));
    }
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private static int sum(int[] values) {
    int total = 0;
    for (int value : values) {
      total += value;
    }
    return total;
  }
}
