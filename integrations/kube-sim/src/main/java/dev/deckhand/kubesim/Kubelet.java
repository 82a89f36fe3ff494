package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelet for every pod: writes the status {@link PodStatuses} computes whenever it
 * differs from the stored one. Remembers when each pod started (sub-second, unlike {@code
 * creationTimestamp}). Confined to the controller thread.
 */
final class Kubelet {

  private static final Logger log = LoggerFactory.getLogger(Kubelet.class);

  /** A pod whose stored status is right at this version until {@code until}. */
  private record Settled(String version, Instant until) {}

  private final PodStatuses statuses;
  private final ClusterWriter writer;
  private final Clock clock;
  private final Map<String, Instant> startedAt = new HashMap<>();
  private final Map<String, Settled> settled = new HashMap<>();

  Kubelet(PodStatuses statuses, ClusterWriter writer, Clock clock) {
    this.statuses = statuses;
    this.writer = writer;
    this.clock = clock;
  }

  /** The status a pod about to be created starts with. */
  PodStatus initialStatus(Pod pod) {
    Instant now = clock.instant();
    return statuses.statusAt(pod, now, now);
  }

  /** Records that the controller just created {@code pod}. */
  void admitted(Pod pod) {
    startedAt.put(pod.getMetadata().getUid(), clock.instant());
  }

  /** Brings every pod's status up to date; returns the pods as they are afterwards. */
  List<Pod> refresh(List<Pod> pods) {
    Instant now = clock.instant();
    Set<String> present = new HashSet<>();
    List<Pod> result = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      present.add(uid);
      result.add(pod.getMetadata().getDeletionTimestamp() != null ? pod : refresh(pod, uid, now));
    }
    startedAt.keySet().retainAll(present);
    settled.keySet().retainAll(present);
    return result;
  }

  private Pod refresh(Pod pod, String uid, Instant now) {
    String version = pod.getMetadata().getResourceVersion();
    Settled known = settled.get(uid);
    if (known != null && known.version().equals(version) && now.isBefore(known.until())) {
      return pod;
    }
    Instant started = startedAt.computeIfAbsent(uid, k -> now);
    PodStatus wanted = statuses.statusAt(pod, started, now);
    if (wanted.equals(pod.getStatus())) {
      settled.put(uid, new Settled(version, statuses.nextChange(pod, started, now)));
      return pod;
    }
    try {
      return writer.replaceStatus(pod, wanted);
    } catch (KubernetesClientException e) {
      log.debug(
          "could not update the status of pod {}: {}", pod.getMetadata().getName(), e.getMessage());
      return pod;
    }
  }
}
