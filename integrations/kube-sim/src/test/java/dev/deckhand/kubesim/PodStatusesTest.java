package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodStatusesTest {

  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private final PodStatuses statuses = new PodStatuses(Duration.ofMillis(300));

  @Test
  void healthyPodIsPendingThenReady() {
    Pod pod = pod("web:1.0");
    PodStatus creating = statuses.statusAt(pod, START, START.plusMillis(100));
    assertThat(creating.getPhase()).isEqualTo("Pending");
    assertThat(container(creating).getState().getWaiting().getReason())
        .isEqualTo("ContainerCreating");
    assertThat(ReplicaSetSync.isReady(withStatus(pod, creating))).isFalse();

    PodStatus running = statuses.statusAt(pod, START, START.plusMillis(300));
    assertThat(running.getPhase()).isEqualTo("Running");
    assertThat(container(running).getReady()).isTrue();
    assertThat(container(running).getState().getRunning()).isNotNull();
    assertThat(ReplicaSetSync.isReady(withStatus(pod, running))).isTrue();
  }

  @Test
  void statusIsAPureFunctionSoNothingChurns() {
    Pod pod = pod("web:1.0");
    assertThat(statuses.statusAt(pod, START, START.plusSeconds(5)))
        .isEqualTo(statuses.statusAt(pod, START, START.plusSeconds(50)));
  }

  @Test
  void crashingContainerLoopsWithGrowingRestarts() {
    Pod pod = pod("web:1.1-crash");
    ContainerStatus first = container(statuses.statusAt(pod, START, START.plusMillis(400)));
    ContainerStatus later = container(statuses.statusAt(pod, START, START.plusMillis(4400)));
    assertThat(first.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(first.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(first.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(first.getReady()).isFalse();
    assertThat(later.getRestartCount()).isGreaterThan(first.getRestartCount());
    assertThat(statuses.statusAt(pod, START, START.plusMillis(400)).getPhase())
        .isEqualTo("Running");
  }

  @Test
  void oomKilledContainerLoops() {
    ContainerStatus status =
        container(statuses.statusAt(pod("web:1.1-oom"), START, START.plusSeconds(2)));
    assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
  }

  @Test
  void unpullableImageBacksOff() {
    Pod pod = pod("web:1.1-pullfail");
    PodStatus early = statuses.statusAt(pod, START, START.plusMillis(400));
    PodStatus late = statuses.statusAt(pod, START, START.plusSeconds(1));
    assertThat(container(early).getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
    assertThat(container(late).getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
    assertThat(container(late).getState().getWaiting().getMessage())
        .isEqualTo("Back-off pulling image \"web:1.1-pullfail\"");
    assertThat(late.getPhase()).isEqualTo("Pending");
  }

  @Test
  void slowContainerRunsButNeverGetsReady() {
    PodStatus status = statuses.statusAt(pod("web:1.1-slow"), START, START.plusSeconds(60));
    assertThat(status.getPhase()).isEqualTo("Running");
    assertThat(container(status).getReady()).isFalse();
    assertThat(container(status).getState().getRunning()).isNotNull();
  }

  @Test
  void nextChangeIsWhenTheStatusNextDiffers() {
    Pod healthy = pod("web:1.0");
    assertThat(statuses.nextChange(healthy, START, START)).isEqualTo(START.plusMillis(300));
    assertThat(statuses.nextChange(healthy, START, START.plusSeconds(1))).isEqualTo(Instant.MAX);

    Pod crashing = pod("web:1.1-crash");
    Instant now = START.plusMillis(1500);
    Instant next = statuses.nextChange(crashing, START, now);
    assertThat(next).isAfter(now);
    assertThat(statuses.statusAt(crashing, START, next.minusMillis(1)))
        .isEqualTo(statuses.statusAt(crashing, START, now));
    assertThat(statuses.statusAt(crashing, START, next))
        .isNotEqualTo(statuses.statusAt(crashing, START, now));
  }

  private static Pod pod(String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-abc-xyz12")
        .withNamespace("default")
        .withUid("uid-1")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod withStatus(Pod pod, PodStatus status) {
    return new PodBuilder(pod).withStatus(status).build();
  }

  private static ContainerStatus container(PodStatus status) {
    return status.getContainerStatuses().get(0);
  }
}
