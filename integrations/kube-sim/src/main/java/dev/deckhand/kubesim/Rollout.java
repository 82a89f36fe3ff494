package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides how many pods each ReplicaSet of a Deployment should want now ({@code RollingUpdate} or
 * {@code Recreate}) and writes the changed {@code spec.replicas}. Confined to the controller
 * thread; blocks on API calls.
 */
final class Rollout {

  /** The ReplicaSets after scaling. */
  record Result(ReplicaSet newSet, List<ReplicaSet> oldSets) {}

  private final ClusterWriter writer;

  Rollout(ClusterWriter writer) {
    this.writer = writer;
  }

  RollingUpdate.Fenceposts fenceposts(Deployment deployment) {
    DeploymentStrategy strategy = deployment.getSpec().getStrategy();
    if (strategy != null && "Recreate".equals(strategy.getType())) {
      return new RollingUpdate.Fenceposts(0, 0);
    }
    IntOrString surge = null;
    IntOrString unavailable = null;
    if (strategy != null && strategy.getRollingUpdate() != null) {
      surge = strategy.getRollingUpdate().getMaxSurge();
      unavailable = strategy.getRollingUpdate().getMaxUnavailable();
    }
    return RollingUpdate.fenceposts(
        IntOrPercent.of(surge, "25%"),
        IntOrPercent.of(unavailable, "25%"),
        DeploymentStatuses.desired(deployment));
  }

  Result scale(
      Deployment deployment,
      boolean paused,
      ReplicaSet newSet,
      List<ReplicaSet> oldSets,
      Map<String, List<Pod>> pods) {
    List<ReplicaSet> old = new ArrayList<>(oldSets);
    if (paused) {
      return scaleOnly(deployment, newSet, old, pods);
    }
    if (newSet == null) {
      return new Result(null, old);
    }
    int desired = DeploymentStatuses.desired(deployment);
    RollingUpdate.Fenceposts fenceposts = fenceposts(deployment);
    int maxTotal = desired + fenceposts.maxSurge();
    int oldWanted = old.stream().mapToInt(ReplicaSetSync::replicas).sum();
    DeploymentStrategy strategy = deployment.getSpec().getStrategy();
    if (strategy != null && "Recreate".equals(strategy.getType())) {
      return recreate(newSet, old, pods, desired);
    }
    int newWanted = ReplicaSetSync.replicas(newSet);
    int target =
        RollingUpdate.newReplicas(desired, fenceposts.maxSurge(), newWanted, newWanted + oldWanted);
    if (target != newWanted) {
      ReplicaSet scaled = scaleTo(newSet, target, desired, maxTotal);
      if (target > newWanted) {
        return new Result(scaled, old); // like Kubernetes: scale down old ones on the next sync
      }
      newSet = scaled;
    }
    List<RollingUpdate.Scale> oldScales = new ArrayList<>();
    for (ReplicaSet rs : old) {
      oldScales.add(new RollingUpdate.Scale(ReplicaSetSync.replicas(rs), available(rs, pods)));
    }
    int[] targets =
        RollingUpdate.oldReplicas(
            desired,
            fenceposts.maxUnavailable(),
            new RollingUpdate.Scale(ReplicaSetSync.replicas(newSet), available(newSet, pods)),
            oldScales);
    for (int i = 0; i < old.size(); i++) {
      old.set(i, scaleTo(old.get(i), targets[i], desired, maxTotal));
    }
    return new Result(newSet, old);
  }

  /**
   * What a paused Deployment still does ({@code sync} and {@code scale} in {@code sync.go}): no new
   * ReplicaSet and no rolling, but {@code spec.replicas} is followed. With one ReplicaSet that has
   * pods (or none: the newest), that one is scaled to the desired count; when the new one is
   * saturated, the old ones go to zero; otherwise a RollingUpdate spreads the change over all of
   * them in proportion ({@link RollingUpdate#proportional}).
   *
   * @param newSet the ReplicaSet of the current template, null while its rollout waits for a resume
   * @param old the other ReplicaSets, oldest first
   */
  private Result scaleOnly(
      Deployment deployment, ReplicaSet newSet, List<ReplicaSet> old, Map<String, List<Pod>> pods) {
    int desired = DeploymentStatuses.desired(deployment);
    int maxSurge = fenceposts(deployment).maxSurge();
    int maxTotal = desired + maxSurge;
    List<ReplicaSet> all = new ArrayList<>(old);
    if (newSet != null) {
      all.add(newSet);
    }
    if (all.isEmpty()) {
      return new Result(null, old);
    }
    List<ReplicaSet> active = all.stream().filter(rs -> ReplicaSetSync.replicas(rs) > 0).toList();
    if (active.size() <= 1) {
      ReplicaSet only = active.isEmpty() ? all.get(all.size() - 1) : active.get(0);
      all.set(all.indexOf(only), scaleTo(only, desired, desired, maxTotal));
    } else if (newSet != null
        && ReplicaSetSync.replicas(newSet) == desired
        && available(newSet, pods) == desired) {
      for (int i = 0; i < old.size(); i++) {
        all.set(i, scaleTo(all.get(i), 0, desired, maxTotal));
      }
    } else if (!isRecreate(deployment)) {
      int statusReplicas =
          deployment.getStatus() == null || deployment.getStatus().getReplicas() == null
              ? 0
              : deployment.getStatus().getReplicas();
      List<RollingUpdate.Sized> sizes =
          all.stream()
              .map(rs -> new RollingUpdate.Sized(ReplicaSetSync.replicas(rs), maxReplicas(rs)))
              .toList();
      int[] targets = RollingUpdate.proportional(desired, maxSurge, statusReplicas, sizes);
      for (int i = 0; i < all.size(); i++) {
        all.set(i, scaleTo(all.get(i), targets[i], desired, maxTotal));
      }
    }
    return newSet == null
        ? new Result(null, all)
        : new Result(all.get(all.size() - 1), new ArrayList<>(all.subList(0, all.size() - 1)));
  }

  private static boolean isRecreate(Deployment deployment) {
    DeploymentStrategy strategy = deployment.getSpec().getStrategy();
    return strategy != null && "Recreate".equals(strategy.getType());
  }

  private static int maxReplicas(ReplicaSet rs) {
    try {
      return Integer.parseInt(
          Revisions.annotations(rs).getOrDefault(Revisions.MAX_REPLICAS, "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Result recreate(
      ReplicaSet newSet, List<ReplicaSet> old, Map<String, List<Pod>> pods, int desired) {
    boolean oldPodsLeft = false;
    for (int i = 0; i < old.size(); i++) {
      oldPodsLeft |= !pods.getOrDefault(old.get(i).getMetadata().getUid(), List.of()).isEmpty();
      old.set(i, scaleTo(old.get(i), 0, desired, desired));
    }
    return oldPodsLeft
        ? new Result(newSet, old)
        : new Result(scaleTo(newSet, desired, desired, desired), old);
  }

  private ReplicaSet scaleTo(ReplicaSet rs, int replicas, int desired, int max) {
    if (ReplicaSetSync.replicas(rs) == replicas) {
      return rs;
    }
    return writer.patch(
        rs,
        String.format(
            "{\"metadata\":{\"annotations\":{\"%s\":\"%d\",\"%s\":\"%d\"}},"
                + "\"spec\":{\"replicas\":%d}}",
            Revisions.DESIRED_REPLICAS, desired, Revisions.MAX_REPLICAS, max, replicas));
  }

  private static int available(ReplicaSet rs, Map<String, List<Pod>> pods) {
    return (int)
        pods.getOrDefault(rs.getMetadata().getUid(), List.of()).stream()
            .filter(ReplicaSetSync::isReady)
            .count();
  }
}
