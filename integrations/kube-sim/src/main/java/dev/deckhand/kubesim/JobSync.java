package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Job controller and the kubelet's part for Job pods: a Job gets one pod at a time (parallelism
 * 1) from its template; the pod starts after the cluster's pod delay and runs for {@link
 * #RUN_TIME}; it then succeeds, or fails with exit code 1 when its image tag ends in {@code
 * -migfail}; a tag ending in {@code -migslow} runs until the Job is deleted or its {@code
 * activeDeadlineSeconds} pass. A failed pod is replaced until {@code spec.backoffLimit} (default 6)
 * failures, then the Job fails ({@code BackoffLimitExceeded}); success marks it {@code Complete}.
 * Status conditions and counters are those of the real controller. Confined to the controller
 * thread.
 */
final class JobSync {
  /** How long a Job's container runs once started. */
  static final Duration RUN_TIME = Duration.ofSeconds(1);

  static final String JOB_NAME = "job-name";

  private final ClusterWriter writer;
  private final Duration startDelay;
  private final Clock clock;
  private final SplittableRandom random = new SplittableRandom();
  private final Map<String, Instant> created = new HashMap<>();

  JobSync(ClusterWriter writer, Duration startDelay, Clock clock) {
    this.writer = writer;
    this.startDelay = startDelay;
    this.clock = clock;
  }

  /** Brings one Job and its pods ({@code pods}, those it controls) a step further. */
  void sync(Job job, List<Pod> pods) {
    if (job.getMetadata().getDeletionTimestamp() != null || finished(job)) {
      return;
    }
    Instant now = clock.instant();
    List<Pod> current = new ArrayList<>();
    for (Pod pod : pods) {
      Instant at = created.computeIfAbsent(pod.getMetadata().getUid(), uid -> now);
      PodStatus wanted = status(pod, at, now);
      current.add(wanted.equals(pod.getStatus()) ? pod : writer.replaceStatus(pod, wanted));
    }
    int succeeded = count(current, "Succeeded");
    int failed = count(current, "Failed");
    int active = current.size() - succeeded - failed;
    Instant start = job.getStatus() == null ? null : SimTime.parse(job.getStatus().getStartTime());
    start = start == null ? now : start;
    Long deadline = job.getSpec().getActiveDeadlineSeconds();
    int backoffLimit =
        job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
    JobCondition verdict = null;
    if (succeeded > 0) {
      verdict = condition("Complete", null, null, now);
    } else if (failed > backoffLimit) {
      verdict =
          condition(
              "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
    } else if (deadline != null && !now.isBefore(start.plusSeconds(deadline))) {
      verdict =
          condition(
              "Failed", "DeadlineExceeded", "Job was active longer than specified deadline", now);
    }
    if (verdict != null && "Failed".equals(verdict.getType())) {
      for (Pod pod : current) {
        if (!terminal(pod)) {
          writer.delete(pod);
          active--;
        }
      }
    } else if (verdict == null && active == 0) {
      writer.create(newPod(job));
      active = 1;
    }
    JobStatusBuilder wanted =
        new JobStatusBuilder()
            .withStartTime(SimTime.format(start))
            .withActive(active)
            .withSucceeded(succeeded)
            .withFailed(failed)
            .withReady(0);
    if (verdict != null) {
      wanted.withConditions(verdict);
      if ("Complete".equals(verdict.getType())) {
        wanted.withCompletionTime(SimTime.format(now));
      }
    }
    JobStatus status = wanted.build();
    if (!status.equals(job.getStatus())) {
      writer.replaceStatus(job, status);
    }
  }

  /** Forgets pods that are gone. */
  void retain(List<Pod> present) {
    created.keySet().retainAll(present.stream().map(p -> p.getMetadata().getUid()).toList());
  }

  static boolean finished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  private PodStatus status(Pod pod, Instant created, Instant now) {
    var container = pod.getSpec().getContainers().get(0);
    String tag = FailureMode.tagOf(container.getImage());
    Instant started = created.plus(startDelay);
    PodStatusBuilder status =
        new PodStatusBuilder().withHostIP("10.0.0.1").withStartTime(SimTime.format(created));
    ContainerStatusBuilder c =
        new ContainerStatusBuilder()
            .withName(container.getName())
            .withImage(container.getImage())
            .withRestartCount(0)
            .withReady(false);
    if (now.isBefore(started)) {
      return status
          .withPhase("Pending")
          .withContainerStatuses(
              c.withNewState()
                  .withNewWaiting()
                  .withReason("ContainerCreating")
                  .endWaiting()
                  .endState()
                  .build())
          .build();
    }
    boolean done = !tag.endsWith("-migslow") && !now.isBefore(started.plus(RUN_TIME));
    if (!done) {
      return status
          .withPhase("Running")
          .withContainerStatuses(
              c.withStarted(true)
                  .withNewState()
                  .withNewRunning()
                  .withStartedAt(SimTime.format(started))
                  .endRunning()
                  .endState()
                  .build())
          .build();
    }
    boolean fails = tag.endsWith("-migfail");
    ContainerStatus terminated =
        c.withStarted(false)
            .withNewState()
            .withNewTerminated()
            .withExitCode(fails ? 1 : 0)
            .withReason(fails ? "Error" : "Completed")
            .withStartedAt(SimTime.format(started))
            .withFinishedAt(SimTime.format(started.plus(RUN_TIME)))
            .endTerminated()
            .endState()
            .build();
    return status
        .withPhase(fails ? "Failed" : "Succeeded")
        .withContainerStatuses(terminated)
        .build();
  }

  private Pod newPod(Job job) {
    String jobName = job.getMetadata().getName();
    var template = job.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(JOB_NAME, jobName);
    labels.put("batch.kubernetes.io/job-name", jobName);
    labels.put("controller-uid", job.getMetadata().getUid());
    return new PodBuilder()
        .withNewMetadata()
        .withName(jobName + "-" + ReplicaSetSync.suffix(random))
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(jobName)
                .withUid(job.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withSpec(template.getSpec())
        .editOrNewSpec()
        .withNodeName(PodStatuses.NODE_NAME)
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }

  private static JobCondition condition(String type, String reason, String message, Instant now) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(SimTime.format(now))
        .withLastTransitionTime(SimTime.format(now))
        .build();
  }

  private static int count(List<Pod> pods, String phase) {
    return (int)
        pods.stream()
            .filter(p -> p.getStatus() != null && phase.equals(p.getStatus().getPhase()))
            .count();
  }

  private static boolean terminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}
