package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes what a kubelet would report for a pod at a given moment, from its containers' images and
 * the time it started. A pure function of its inputs, so a status is only rewritten when it really
 * changes. Thread-safe.
 */
final class PodStatuses {

  static final String NODE_NAME = "kube-sim-node-1";
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Duration readyDelay;

  PodStatuses(Duration readyDelay) {
    this.readyDelay = readyDelay;
  }

  PodStatus statusAt(Pod pod, Instant started, Instant now) {
    Duration elapsed = Duration.between(started, now);
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      containers.add(containerStatus(pod, container, started, elapsed));
    }
    boolean ready = containers.stream().allMatch(ContainerStatus::getReady);
    boolean allStarted =
        containers.stream().allMatch(c -> c.getLastState() != null || c.getStarted());
    Instant readySince = started.plus(readyDelay);
    int hash = pod.getMetadata().getName().hashCode();
    String podIp = "10.244." + ((hash >>> 8) & 0xff) + "." + (1 + (hash & 0x7f));
    return new PodStatusBuilder()
        .withPhase(allStarted ? "Running" : "Pending")
        .withConditions(
            condition("PodReadyToStartContainers", true, started),
            condition("Initialized", true, started),
            readyCondition("Ready", ready, ready ? readySince : started, containers),
            readyCondition("ContainersReady", ready, ready ? readySince : started, containers),
            condition("PodScheduled", true, started))
        .withHostIP("10.0.0.10")
        .withPodIP(podIp)
        .addNewPodIP(podIp)
        .withQosClass("BestEffort")
        .withStartTime(SimTime.format(started))
        .withContainerStatuses(containers)
        .build();
  }

  private ContainerStatus containerStatus(
      Pod pod, Container container, Instant started, Duration elapsed) {
    FailureMode mode = FailureMode.ofImage(container.getImage());
    ContainerStatusBuilder status =
        new ContainerStatusBuilder()
            .withName(container.getName())
            .withImage(container.getImage())
            .withImageID("")
            .withRestartCount(0)
            .withReady(false)
            .withStarted(false);
    if (elapsed.compareTo(readyDelay) < 0) {
      return status.withState(waiting("ContainerCreating", null)).build();
    }
    Instant runningSince = started.plus(readyDelay);
    String imageId = imageId(container.getImage());
    String containerId =
        "containerd://" + SimTime.sha256Hex(pod.getMetadata().getUid() + "/" + container.getName());
    switch (mode) {
      case PULL_FAIL:
        boolean backingOff = elapsed.compareTo(readyDelay.multipliedBy(2)) >= 0;
        return status
            .withState(
                backingOff
                    ? waiting(
                        "ImagePullBackOff",
                        "Back-off pulling image \"" + container.getImage() + "\"")
                    : waiting(
                        "ErrImagePull",
                        "failed to pull and unpack image \""
                            + container.getImage()
                            + "\": failed to resolve reference: not found"))
            .build();
      case CRASH:
      case OOM:
        return crashLooping(status, pod, container, mode, elapsed.minus(readyDelay), runningSince)
            .withImageID(imageId)
            .withContainerID(containerId)
            .build();
      default:
        return status
            .withImageID(imageId)
            .withContainerID(containerId)
            .withStarted(true)
            .withReady(mode != FailureMode.SLOW)
            .withState(
                new ContainerStateBuilder()
                    .withNewRunning()
                    .withStartedAt(SimTime.format(runningSince))
                    .endRunning()
                    .build())
            .build();
    }
  }

  /**
   * The container dies right after starting; the kubelet restarts it with a back-off of 1 s, 2 s, 4
   * s … (Kubernetes uses 10 s doubling to 5 min; shortened here so demos move).
   */
  private static ContainerStatusBuilder crashLooping(
      ContainerStatusBuilder status,
      Pod pod,
      Container container,
      FailureMode mode,
      Duration sinceFirstStart,
      Instant firstStart) {
    CrashSchedule schedule = CrashSchedule.at(sinceFirstStart);
    int terminations = schedule.terminations();
    Duration lastTermination = schedule.lastTermination();
    Duration backoff = schedule.backoff();
    Instant finished = firstStart.plus(lastTermination);
    boolean oom = mode == FailureMode.OOM;
    String message =
        "back-off "
            + backoff.toSeconds()
            + "s restarting failed container="
            + container.getName()
            + " pod="
            + pod.getMetadata().getName()
            + "_"
            + pod.getMetadata().getNamespace()
            + "("
            + pod.getMetadata().getUid()
            + ")";
    return status
        .withRestartCount(terminations)
        .withState(waiting("CrashLoopBackOff", message))
        .withLastState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(oom ? 137 : 1)
                .withReason(oom ? "OOMKilled" : "Error")
                .withStartedAt(SimTime.format(finished))
                .withFinishedAt(SimTime.format(finished))
                .endTerminated()
                .build());
  }

  /**
   * When the status {@link #statusAt} computes will next change by itself, or {@link Instant#MAX}
   * if it never will: lets the kubelet skip pods with nothing pending.
   */
  Instant nextChange(Pod pod, Instant started, Instant now) {
    Duration elapsed = Duration.between(started, now);
    if (elapsed.compareTo(readyDelay) < 0) {
      return started.plus(readyDelay);
    }
    Instant next = Instant.MAX;
    for (Container container : pod.getSpec().getContainers()) {
      FailureMode mode = FailureMode.ofImage(container.getImage());
      Duration due = null;
      if (mode == FailureMode.PULL_FAIL && elapsed.compareTo(readyDelay.multipliedBy(2)) < 0) {
        due = readyDelay.multipliedBy(2);
      } else if (mode == FailureMode.CRASH || mode == FailureMode.OOM) {
        CrashSchedule schedule = CrashSchedule.at(elapsed.minus(readyDelay));
        due = readyDelay.plus(schedule.lastTermination()).plus(schedule.backoff());
      }
      if (due != null && started.plus(due).isBefore(next)) {
        next = started.plus(due);
      }
    }
    return next;
  }

  /**
   * A crash-looping container dies right after each start; the kubelet restarts it after 1 s, 2 s,
   * 4 s … up to 30 s (Kubernetes uses 10 s doubling to 5 min; shortened so demos move).
   */
  private record CrashSchedule(int terminations, Duration lastTermination, Duration backoff) {
    static CrashSchedule at(Duration sinceFirstStart) {
      int terminations = 1;
      Duration lastTermination = Duration.ZERO;
      Duration backoff = Duration.ofSeconds(1);
      while (lastTermination.plus(backoff).compareTo(sinceFirstStart) <= 0) {
        lastTermination = lastTermination.plus(backoff);
        terminations++;
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
      return new CrashSchedule(terminations, lastTermination, backoff);
    }
  }

  private static String imageId(String image) {
    int at = image.indexOf('@');
    String repository = FailureMode.repositoryOf(image);
    return at >= 0
        ? repository + image.substring(at)
        : repository + "@sha256:" + SimTime.sha256Hex(image);
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static PodCondition condition(String type, boolean status, Instant since) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withLastTransitionTime(SimTime.format(since))
        .build();
  }

  private static PodCondition readyCondition(
      String type, boolean ready, Instant since, List<ContainerStatus> containers) {
    if (ready) {
      return condition(type, true, since);
    }
    List<String> unready =
        containers.stream().filter(c -> !c.getReady()).map(ContainerStatus::getName).toList();
    return new PodConditionBuilder(condition(type, false, since))
        .withReason("ContainersNotReady")
        .withMessage("containers with unready status: " + unready.toString().replace(",", ""))
        .build();
  }
}
