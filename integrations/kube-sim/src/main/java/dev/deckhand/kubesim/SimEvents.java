package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events a real cluster records for what the controller does: {@code ScalingReplicaSet} on a
 * Deployment, {@code SuccessfulCreate}/{@code SuccessfulDelete} on a ReplicaSet, and the kubelet's
 * {@code BackOff} and {@code Failed} (pull) warnings on a pod, and a Job's {@code
 * SuccessfulCreate}, {@code Completed} or {@code BackoffLimitExceeded}/{@code DeadlineExceeded}. A
 * repeat of the same event on the same object raises its {@code count}, as the API server's event
 * aggregation does. At most {@link #KEPT} events are kept; older ones are deleted. Confined to the
 * controller thread; a failed write is logged and dropped (events are best effort in Kubernetes
 * too).
 */
final class SimEvents {
  static final int KEPT = 500;

  private static final Logger log = LoggerFactory.getLogger(SimEvents.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Event> recorded = new HashMap<>();
  private final Deque<Event> order = new ArrayDeque<>();
  private long sequence;

  SimEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** After a ReplicaSet's {@code spec.replicas} changed from {@code before}. */
  void scaled(ReplicaSet rs, int before, int after) {
    if (before == after || rs.getMetadata().getOwnerReferences().isEmpty()) {
      return;
    }
    var owner = rs.getMetadata().getOwnerReferences().get(0);
    record(
        rs.getMetadata().getNamespace(),
        "Deployment",
        owner.getName(),
        "deployment-controller",
        "Normal",
        "ScalingReplicaSet",
        "Scaled "
            + (after > before ? "up" : "down")
            + " replica set "
            + rs.getMetadata().getName()
            + " from "
            + before
            + " to "
            + after);
  }

  /** After a pod of a ReplicaSet or a Job was created or deleted. */
  void pod(Pod pod, boolean created) {
    var owners = pod.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return;
    }
    String kind = owners.get(0).getKind();
    record(
        pod.getMetadata().getNamespace(),
        kind,
        owners.get(0).getName(),
        "Job".equals(kind) ? "job-controller" : "replicaset-controller",
        "Normal",
        created ? "SuccessfulCreate" : "SuccessfulDelete",
        (created ? "Created pod: " : "Deleted pod: ") + pod.getMetadata().getName());
  }

  /** After a Job's status was written: its end is an event, as the Job controller records. */
  void jobFinished(Job before, Job after) {
    if (JobSync.finished(before) || !JobSync.finished(after)) {
      return;
    }
    var condition =
        after.getStatus().getConditions().stream()
            .filter(c -> "True".equals(c.getStatus()))
            .findFirst()
            .orElseThrow();
    boolean complete = "Complete".equals(condition.getType());
    record(
        after.getMetadata().getNamespace(),
        "Job",
        after.getMetadata().getName(),
        "job-controller",
        complete ? "Normal" : "Warning",
        complete ? "Completed" : condition.getReason(),
        complete ? "Job completed" : condition.getMessage());
  }

  /** After the kubelet wrote a pod's status: a container newly backing off is a warning. */
  void statusChanged(Pod before, Pod after) {
    for (ContainerStatus now : statuses(after)) {
      String reason = waiting(now);
      if (reason == null || reason.equals(waiting(find(statuses(before), now.getName())))) {
        continue;
      }
      String pod = after.getMetadata().getName();
      switch (reason) {
        case "CrashLoopBackOff" ->
            record(
                after.getMetadata().getNamespace(),
                "Pod",
                pod,
                "kubelet",
                "Warning",
                "BackOff",
                "Back-off restarting failed container " + now.getName() + " in pod " + pod);
        case "ErrImagePull", "ImagePullBackOff" ->
            record(
                after.getMetadata().getNamespace(),
                "Pod",
                pod,
                "kubelet",
                "Warning",
                "Failed",
                "Failed to pull image \"" + now.getImage() + "\": " + reason);
        default -> {
          // Other waiting reasons (ContainerCreating) are not worth an event.
        }
      }
    }
  }

  private void record(
      String namespace,
      String kind,
      String name,
      String component,
      String type,
      String reason,
      String message) {
    String key = namespace + "/" + kind + "/" + name + "/" + reason + "/" + message;
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      Event known = recorded.get(key);
      if (known != null) {
        known.setCount(known.getCount() + 1);
        known.setLastTimestamp(now);
        recorded.put(key, client.v1().events().inNamespace(namespace).resource(known).update());
        return;
      }
      Event event =
          new EventBuilder()
              .withNewMetadata()
              .withNamespace(namespace)
              .withName(name + "." + Long.toHexString(clock.millis()) + (++sequence))
              .endMetadata()
              .withNewInvolvedObject()
              .withKind(kind)
              .withName(name)
              .withNamespace(namespace)
              .endInvolvedObject()
              .withNewSource()
              .withComponent(component)
              .endSource()
              .withType(type)
              .withReason(reason)
              .withMessage(message)
              .withCount(1)
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .build();
      Event created = client.v1().events().inNamespace(namespace).resource(event).create();
      recorded.put(key, created);
      order.addLast(created);
      while (order.size() > KEPT) {
        forget(order.removeFirst());
      }
    } catch (KubernetesClientException e) {
      log.debug("event {} on {}/{} not recorded: {}", reason, kind, name, e.getMessage());
    }
  }

  private void forget(Event oldest) {
    recorded
        .values()
        .removeIf(e -> e.getMetadata().getName().equals(oldest.getMetadata().getName()));
    client
        .v1()
        .events()
        .inNamespace(oldest.getMetadata().getNamespace())
        .withName(oldest.getMetadata().getName())
        .delete();
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  private static ContainerStatus find(List<ContainerStatus> statuses, String name) {
    return statuses.stream()
        .filter(s -> Objects.equals(s.getName(), name))
        .findFirst()
        .orElse(null);
  }

  private static String waiting(ContainerStatus status) {
    return status == null || status.getState() == null || status.getState().getWaiting() == null
        ? null
        : status.getState().getWaiting().getReason();
  }
}
