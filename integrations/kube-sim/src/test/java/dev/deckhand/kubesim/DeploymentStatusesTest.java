package dev.deckhand.kubesim;

import static dev.deckhand.kubesim.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.kubesim.DeploymentStatuses.Counts;
import dev.deckhand.kubesim.DeploymentStatuses.NewReplicaSetEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentStatusesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private final DeploymentStatuses statuses = new DeploymentStatuses();

  @Test
  void completeRolloutIsNewReplicaSetAvailable() {
    Deployment d = generation(deployment().replicas(2).build(), 1);
    DeploymentStatus status =
        statuses.compute(d, "web-1", NewReplicaSetEvent.NONE, new Counts(2, 2, 2, 2), 0, T0);
    assertThat(status.getObservedGeneration()).isEqualTo(1);
    assertThat(progressing(status).getReason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
    assertThat(RolloutVerdict.of(withStatus(d, status))).isEqualTo(RolloutVerdict.DONE);
  }

  @Test
  void noProgressPastTheDeadlineIsExceeded() {
    Deployment d = rolledOut(deployment().replicas(2).progressDeadlineSeconds(2).build());
    DeploymentStatus created =
        statuses.compute(d, "web-2", NewReplicaSetEvent.CREATED, new Counts(3, 1, 2, 3), 0, T0);
    assertThat(progressing(created).getReason()).isEqualTo("NewReplicaSetCreated");
    d = withStatus(d, created);
    DeploymentStatus stillWaiting =
        statuses.compute(
            d, "web-2", NewReplicaSetEvent.NONE, new Counts(3, 1, 2, 3), 0, T0.plusSeconds(2));
    assertThat(stillWaiting).isEqualTo(created);
    DeploymentStatus late =
        statuses.compute(
            d, "web-2", NewReplicaSetEvent.NONE, new Counts(3, 1, 2, 3), 0, T0.plusSeconds(3));
    assertThat(progressing(late).getStatus()).isEqualTo("False");
    assertThat(progressing(late).getReason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(RolloutVerdict.of(withStatus(d, late))).isEqualTo(RolloutVerdict.FAILED);
  }

  @Test
  void progressMovesTheDeadline() {
    Deployment d = rolledOut(deployment().replicas(2).progressDeadlineSeconds(2).build());
    d =
        withStatus(
            d,
            statuses.compute(
                d, "web-2", NewReplicaSetEvent.CREATED, new Counts(3, 1, 2, 3), 0, T0));
    DeploymentStatus progressed =
        statuses.compute(
            d, "web-2", NewReplicaSetEvent.NONE, new Counts(3, 1, 3, 3), 0, T0.plusSeconds(3));
    assertThat(progressing(progressed).getReason()).isEqualTo("ReplicaSetUpdated");
    assertThat(progressing(progressed).getLastUpdateTime()).isEqualTo("2025-03-01T10:00:03Z");
    assertThat(progressing(progressed).getLastTransitionTime()).isEqualTo("2025-03-01T09:59:00Z");
  }

  @Test
  void pausedDeploymentReportsPausedAndNeverTimesOut() {
    Deployment d = generation(deployment().paused().progressDeadlineSeconds(1).build(), 3);
    DeploymentStatus status =
        statuses.compute(
            d, "web-1", NewReplicaSetEvent.NONE, new Counts(3, 0, 3, 3), 0, T0.plusSeconds(100));
    assertThat(progressing(status).getStatus()).isEqualTo("Unknown");
    assertThat(progressing(status).getReason()).isEqualTo("DeploymentPaused");
    assertThat(status.getObservedGeneration()).isEqualTo(3);
  }

  /** Revision 1 rolled out with 2 pods, then a template change (generation 2). */
  private Deployment rolledOut(Deployment d) {
    generation(d, 1);
    d.setStatus(
        statuses.compute(
            d, "web-1", NewReplicaSetEvent.NONE, new Counts(2, 2, 2, 2), 0, T0.minusSeconds(60)));
    return generation(d, 2);
  }

  private static Deployment generation(Deployment d, long generation) {
    d.getMetadata().setGeneration(generation);
    return d;
  }

  private static Deployment withStatus(Deployment d, DeploymentStatus status) {
    d.setStatus(status);
    return d;
  }

  private static DeploymentCondition progressing(DeploymentStatus status) {
    return condition(status, "Progressing");
  }

  private static DeploymentCondition condition(DeploymentStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
