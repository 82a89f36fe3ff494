package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a Deployment's status as {@code pkg/controller/deployment/sync.go} and {@code
 * progress.go} do: the replica counts and the {@code Available} and {@code Progressing} conditions.
 * Pure apart from the clock reading passed in. Thread-safe.
 */
final class DeploymentStatuses {

  static final String PROGRESSING = "Progressing";
  static final String AVAILABLE = "Available";
  static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";

  /** What happened to the new ReplicaSet in this sync, which resets the progress clock. */
  enum NewReplicaSetEvent {
    NONE,
    CREATED,
    FOUND
  }

  /**
   * Counts of one sync: existing pods, pods of the new ReplicaSet, Ready pods, and the pods all
   * ReplicaSets want.
   */
  record Counts(int replicas, int updated, int ready, int wanted) {}

  DeploymentStatus compute(
      Deployment deployment,
      String newReplicaSetName,
      NewReplicaSetEvent event,
      Counts counts,
      int maxUnavailable,
      Instant now) {
    DeploymentStatus old =
        deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int desired = desired(deployment);
    int available = counts.ready(); // minReadySeconds is not simulated
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(counts.replicas())
            .withUpdatedReplicas(counts.updated())
            .withReadyReplicas(counts.ready())
            .withAvailableReplicas(available)
            .withUnavailableReplicas(Math.max(0, counts.wanted() - available))
            .build();
    List<DeploymentCondition> conditions =
        old.getConditions() == null ? new ArrayList<>() : new ArrayList<>(old.getConditions());
    if (available >= desired - maxUnavailable) {
      Conditions.set(
          conditions,
          AVAILABLE,
          "True",
          "MinimumReplicasAvailable",
          "Deployment has minimum availability.",
          now);
    } else {
      Conditions.set(
          conditions,
          AVAILABLE,
          "False",
          "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.",
          now);
    }
    progressing(deployment, old, status, conditions, newReplicaSetName, event, now);
    status.setConditions(conditions);
    return status;
  }

  static int desired(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** Whether {@code kubectl rollout status} would call this status a finished rollout. */
  static boolean complete(Deployment deployment, DeploymentStatus status) {
    int desired = desired(deployment);
    return value(status.getUpdatedReplicas()) == desired
        && value(status.getReplicas()) == desired
        && value(status.getAvailableReplicas()) == desired
        && value(status.getObservedGeneration()) >= value(deployment.getMetadata().getGeneration());
  }

  private static void progressing(
      Deployment deployment,
      DeploymentStatus old,
      DeploymentStatus status,
      List<DeploymentCondition> conditions,
      String rsName,
      NewReplicaSetEvent event,
      Instant now) {
    DeploymentCondition current = Conditions.find(conditions, PROGRESSING);
    if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
      // Like checkPausedConditions: a reported lack of progress is not overwritten by the pause.
      if (current == null
          || !("DeploymentPaused".equals(current.getReason())
              || DEADLINE_EXCEEDED.equals(current.getReason()))) {
        Conditions.replace(
            conditions,
            Conditions.condition(
                PROGRESSING, "Unknown", "DeploymentPaused", "Deployment is paused", now, now));
      }
      return;
    }
    if (current != null && "DeploymentPaused".equals(current.getReason())) {
      current =
          Conditions.condition(
              PROGRESSING, "Unknown", "DeploymentResumed", "Deployment is resumed", now, now);
      Conditions.replace(conditions, current);
    }
    if (rsName == null) {
      return;
    }
    if (event == NewReplicaSetEvent.CREATED) {
      Conditions.set(
          conditions,
          PROGRESSING,
          "True",
          "NewReplicaSetCreated",
          "Created new replica set \"" + rsName + "\"",
          now);
    } else if (event == NewReplicaSetEvent.FOUND) {
      Conditions.set(
          conditions,
          PROGRESSING,
          "True",
          "FoundNewReplicaSet",
          "Found new replica set \"" + rsName + "\"",
          now);
    }
    current = Conditions.find(conditions, PROGRESSING);
    if (complete(deployment, status)) {
      Conditions.set(
          conditions,
          PROGRESSING,
          "True",
          NEW_RS_AVAILABLE,
          "ReplicaSet \"" + rsName + "\" has successfully progressed.",
          now);
    } else if (progressed(old, status)) {
      String since =
          current != null && "True".equals(current.getStatus())
              ? current.getLastTransitionTime()
              : SimTime.format(now);
      Conditions.replace(
          conditions,
          Conditions.condition(
              PROGRESSING,
              "True",
              "ReplicaSetUpdated",
              "ReplicaSet \"" + rsName + "\" is progressing.",
              now,
              SimTime.parse(since)));
    } else if (timedOut(deployment, current, now)) {
      Conditions.set(
          conditions,
          PROGRESSING,
          "False",
          DEADLINE_EXCEEDED,
          "ReplicaSet \"" + rsName + "\" has timed out progressing.",
          now);
    }
  }

  private static boolean progressed(DeploymentStatus old, DeploymentStatus now) {
    int oldOldReplicas = value(old.getReplicas()) - value(old.getUpdatedReplicas());
    int newOldReplicas = value(now.getReplicas()) - value(now.getUpdatedReplicas());
    return value(now.getUpdatedReplicas()) > value(old.getUpdatedReplicas())
        || newOldReplicas < oldOldReplicas
        || value(now.getReadyReplicas()) > value(old.getReadyReplicas())
        || value(now.getAvailableReplicas()) > value(old.getAvailableReplicas());
  }

  private static boolean timedOut(Deployment deployment, DeploymentCondition current, Instant now) {
    Integer deadline = deployment.getSpec().getProgressDeadlineSeconds();
    if (current == null || deadline == null || deadline == Integer.MAX_VALUE) {
      return false;
    }
    if (NEW_RS_AVAILABLE.equals(current.getReason())) {
      return false;
    }
    if (DEADLINE_EXCEEDED.equals(current.getReason())) {
      return true;
    }
    Instant from = SimTime.parse(current.getLastUpdateTime());
    return from != null && from.plusSeconds(deadline).isBefore(now);
  }

  private static int value(Integer value) {
    return value == null ? 0 : value;
  }

  private static long value(Long value) {
    return value == null ? 0 : value;
  }
}
