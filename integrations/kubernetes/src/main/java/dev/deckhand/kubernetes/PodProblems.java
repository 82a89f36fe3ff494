package dev.deckhand.kubernetes;

import dev.deckhand.commands.rollout.PodProblem;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds pods that will not heal by waiting. Pure and thread-safe.
 *
 * <p>A container (init containers included) is a problem when it waits with one of {@link
 * #WAITING_REASONS}, or when it was (or is) terminated with {@code OOMKilled} and is not ready. An
 * OOM kill wins over the waiting reason: a container killed for memory then restarted shows {@code
 * CrashLoopBackOff}, which hides the cause, while {@code OOMKilled} names it. A container that was
 * OOM-killed once but runs ready again is not reported: it may still finish the rollout, which
 * {@code kubectl rollout status} then decides.
 */
final class PodProblems {
  static final Set<String> WAITING_REASONS =
      Set.of(
          "ImagePullBackOff",
          "ErrImagePull",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "InvalidImageName");
  private static final String OOM_KILLED = "OOMKilled";

  private PodProblems() {}

  /** The problems of these pods, ordered by pod then container name. */
  static List<PodProblem> of(Collection<Pod> pods) {
    List<PodProblem> problems = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.getStatus() == null) {
        continue;
      }
      Stream.concat(
              orEmpty(pod.getStatus().getInitContainerStatuses()),
              orEmpty(pod.getStatus().getContainerStatuses()))
          .map(cs -> problem(pod.getMetadata().getName(), cs))
          .flatMap(Optional::stream)
          .forEach(problems::add);
    }
    problems.sort(Comparator.comparing(PodProblem::pod).thenComparing(PodProblem::container));
    return problems;
  }

  static Optional<PodProblem> problem(String pod, ContainerStatus cs) {
    int restarts = cs.getRestartCount() == null ? 0 : cs.getRestartCount();
    ContainerStateTerminated oom = oomKill(cs);
    if (oom != null && !Boolean.TRUE.equals(cs.getReady())) {
      String message =
          oom.getMessage() != null && !oom.getMessage().isBlank()
              ? oom.getMessage()
              : "exit code " + oom.getExitCode();
      return Optional.of(new PodProblem(pod, cs.getName(), OOM_KILLED, message, restarts));
    }
    ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
    if (waiting != null && WAITING_REASONS.contains(waiting.getReason())) {
      String message = waiting.getMessage() == null ? "" : waiting.getMessage();
      return Optional.of(new PodProblem(pod, cs.getName(), waiting.getReason(), message, restarts));
    }
    return Optional.empty();
  }

  /** The current or last termination when it was an OOM kill, else null. */
  private static ContainerStateTerminated oomKill(ContainerStatus cs) {
    return Stream.of(cs.getState(), cs.getLastState())
        .filter(Objects::nonNull)
        .map(ContainerState::getTerminated)
        .filter(t -> t != null && OOM_KILLED.equals(t.getReason()))
        .findFirst()
        .orElse(null);
  }

  private static Stream<ContainerStatus> orEmpty(List<ContainerStatus> statuses) {
    return statuses == null ? Stream.empty() : statuses.stream();
  }
}
