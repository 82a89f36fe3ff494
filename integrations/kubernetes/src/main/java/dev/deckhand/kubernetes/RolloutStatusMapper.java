package dev.deckhand.kubernetes;

import dev.deckhand.commands.rollout.DeploymentStatus;
import dev.deckhand.commands.rollout.DeploymentStatus.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a fabric8 {@link Deployment} to the {@link DeploymentStatus} that {@code RolloutVerdict.of}
 * judges. Pure and thread-safe.
 *
 * <p>Absent fields read as the API server and kubectl read them: {@code spec.replicas} defaults to
 * 1 (the API server's defaulting), every absent status count, {@code metadata.generation} and
 * {@code status.observedGeneration} to 0 (Go's zero value). Conditions keep only the first of each
 * type, because kubectl's {@code GetDeploymentCondition} looks at the first {@code Progressing}
 * condition only: a second one further down cannot change kubectl's verdict, so it must not change
 * ours.
 */
final class RolloutStatusMapper {
  private RolloutStatusMapper() {}

  static DeploymentStatus map(Deployment d) {
    long generation = orZero(d.getMetadata() == null ? null : d.getMetadata().getGeneration());
    DeploymentSpec spec = d.getSpec();
    int specReplicas = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
    var s = d.getStatus();
    if (s == null) {
      return new DeploymentStatus(generation, 0, specReplicas, 0, 0, 0, 0, List.of());
    }
    return new DeploymentStatus(
        generation,
        orZero(s.getObservedGeneration()),
        specReplicas,
        orZero(s.getReplicas()),
        orZero(s.getUpdatedReplicas()),
        orZero(s.getReadyReplicas()),
        orZero(s.getAvailableReplicas()),
        firstOfEachType(s.getConditions()));
  }

  private static List<Condition> firstOfEachType(List<DeploymentCondition> conditions) {
    if (conditions == null) {
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    List<Condition> result = new ArrayList<>();
    for (DeploymentCondition c : conditions) {
      if (c != null && seen.add(String.valueOf(c.getType()))) {
        result.add(new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
      }
    }
    return result;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
