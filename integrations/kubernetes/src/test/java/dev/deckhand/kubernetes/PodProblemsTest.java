package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.rollout.PodProblem;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodProblemsTest {
  private final ReplicaSet rs =
      TestObjects.replicaSet(TestObjects.deployment(1, "g:1"), 1, "h1", "g:1", "c");

  private List<PodProblem> problems(ContainerStatus... statuses) {
    return PodProblems.of(List.of(TestObjects.pod(rs, "p", statuses)));
  }

  @Test
  void everyWaitingReasonThatWillNotHealIsAProblem() {
    for (String reason : PodProblems.WAITING_REASONS) {
      assertThat(problems(TestObjects.waiting("gateway", reason, 1)))
          .containsExactly(new PodProblem("p", "gateway", reason, reason + " for gateway", 1));
    }
  }

  @Test
  void waitingForOtherReasonsIsNot() {
    assertThat(problems(TestObjects.waiting("gateway", "ContainerCreating", 0))).isEmpty();
    assertThat(problems(TestObjects.waiting("gateway", "PodInitializing", 0))).isEmpty();
    assertThat(problems(TestObjects.running("gateway"))).isEmpty();
  }

  @Test
  void oomKilledWinsOverCrashLoopBackOff() {
    assertThat(problems(TestObjects.oomKilled("gateway", 5)))
        .containsExactly(new PodProblem("p", "gateway", "OOMKilled", "exit code 137", 5));
  }

  @Test
  void aContainerTerminatedNowForMemoryIsAProblem() {
    ContainerStatus cs = TestObjects.running("gateway");
    cs.setReady(false);
    cs.setState(
        new ContainerStateBuilder()
            .withNewTerminated()
            .withReason("OOMKilled")
            .withExitCode(137)
            .withMessage("killed at 512Mi")
            .endTerminated()
            .build());

    assertThat(problems(cs)).extracting(PodProblem::message).containsExactly("killed at 512Mi");
  }

  @Test
  void aContainerRunningReadyAgainAfterAnOomKillIsNotReported() {
    ContainerStatus cs = TestObjects.oomKilled("gateway", 1);
    cs.setState(new ContainerStateBuilder().withNewRunning().endRunning().build());
    cs.setReady(true);

    assertThat(problems(cs)).isEmpty();
  }

  @Test
  void initContainersCount() {
    Pod pod = TestObjects.pod(rs, "p");
    pod.getStatus()
        .setInitContainerStatuses(List.of(TestObjects.waiting("migrate", "CrashLoopBackOff", 2)));

    assertThat(PodProblems.of(List.of(pod)))
        .extracting(PodProblem::container)
        .containsExactly("migrate");
  }
}
