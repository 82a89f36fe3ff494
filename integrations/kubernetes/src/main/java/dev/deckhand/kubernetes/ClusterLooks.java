package dev.deckhand.kubernetes;

import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.Description;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.look.PodLog;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The read-only looks at one deployment that {@code /logs}, {@code /events} and {@code /describe}
 * show: {@code kubectl logs}, {@code kubectl get events} and the useful part of {@code kubectl
 * describe}, read through the API. Thread-safe (the client is).
 */
final class ClusterLooks {
  private final DeploymentApi api;

  ClusterLooks(DeploymentApi api) {
    this.api = api;
  }

  PodLog logs(Target t, LogQuery q) {
    Deployment d = api.get(t);
    Pod pod =
        pods(t, d).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new ClusterException(
                        "deployment "
                            + t.namespace()
                            + "/"
                            + t.deployment()
                            + " in cluster "
                            + t.cluster()
                            + " has no pods; /describe and /events show why"));
    String container = q.container().orElse(t.container());
    List<String> containers = pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
    if (!containers.contains(container)) {
      throw new ClusterException(
          "pod "
              + name(pod)
              + " has no container "
              + container
              + "; it has "
              + String.join(", ", containers)
              + " (use --container)");
    }
    ContainerResource resource =
        api.client().pods().inNamespace(t.namespace()).withName(name(pod)).inContainer(container);
    TimeTailPrettyLoggable chosen = q.previous() ? resource.terminated() : resource;
    TailPrettyLoggable since =
        q.since().isPresent()
            ? chosen.sinceSeconds((int) Math.max(1, q.since().get().toSeconds()))
            : chosen;
    String text;
    try {
      text = since.tailingLines(q.tail()).getLog();
    } catch (KubernetesClientException e) {
      if (q.previous() && e.getCode() == 400) {
        throw new ClusterException(
            "container "
                + container
                + " of pod "
                + name(pod)
                + " has no previous instance (it has not restarted): "
                + Failures.reason(e),
            e);
      }
      throw Failures.wrap(e, "reading the log of pod " + name(pod) + " of", t);
    }
    List<String> lines = text == null || text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    int from = Math.max(0, lines.size() - q.tail());
    return new PodLog(name(pod), container, q.previous(), lines.subList(from, lines.size()));
  }

  List<ClusterEvent> events(Target t, int limit) {
    Deployment d = api.get(t);
    List<String> sets =
        api.ownedReplicaSets(t, d).stream().map(rs -> rs.getMetadata().getName()).toList();
    List<Event> listed;
    try {
      listed = api.client().v1().events().inNamespace(t.namespace()).list().getItems();
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "listing the events of", t);
    }
    return listed.stream()
        .filter(e -> e.getInvolvedObject() != null && about(e, t, sets))
        .map(ClusterLooks::event)
        .sorted(Comparator.comparing(ClusterEvent::at).reversed())
        .limit(limit)
        .toList();
  }

  /**
   * Whether the event is about the deployment, one of its ReplicaSets, or a pod of one of them:
   * pods are matched by their ReplicaSet's name prefix, so the events of a pod already deleted (a
   * crashed pod after a rollback) are still shown.
   */
  private static boolean about(Event e, Target t, List<String> sets) {
    String kind = e.getInvolvedObject().getKind();
    String name = Objects.toString(e.getInvolvedObject().getName(), "");
    return switch (Objects.toString(kind, "")) {
      case "Deployment" -> name.equals(t.deployment());
      case "ReplicaSet" -> sets.contains(name);
      case "Pod" -> sets.stream().anyMatch(rs -> name.startsWith(rs + "-"));
      default -> false;
    };
  }

  Description describe(Target t) {
    Deployment d = api.get(t);
    DeploymentStatus st = d.getStatus();
    List<Description.Condition> conditions =
        st == null || st.getConditions() == null
            ? List.of()
            : st.getConditions().stream()
                .map(
                    c ->
                        new Description.Condition(
                            c.getType(), c.getStatus(), c.getReason(), c.getMessage()))
                .toList();
    List<Description.Image> images =
        d.getSpec().getTemplate().getSpec().getContainers().stream()
            .map(c -> new Description.Image(c.getName(), c.getImage()))
            .toList();
    List<Description.PodState> pods = pods(t, d).stream().map(ClusterLooks::podState).toList();
    return new Description(
        t.deployment(),
        orZero(d.getMetadata().getGeneration()),
        st == null ? 0 : orZero(st.getObservedGeneration()),
        Boolean.TRUE.equals(d.getSpec().getPaused()),
        new Description.Replicas(
            d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
            st == null ? 0 : orZero(st.getUpdatedReplicas()),
            st == null ? 0 : orZero(st.getReadyReplicas()),
            st == null ? 0 : orZero(st.getAvailableReplicas())),
        conditions,
        images,
        pods);
  }

  /**
   * The pods the deployment's ReplicaSets own, each once, newest first: those of the newest
   * revision first (creation times have only seconds, so a rollout's old and new pods can tie),
   * then by creation time, then by name.
   */
  private List<Pod> pods(Target t, Deployment d) {
    Map<String, Pod> byName = new LinkedHashMap<>();
    Map<String, Long> revisionOf = new HashMap<>();
    for (ReplicaSet rs : api.ownedReplicaSets(t, d)) {
      long revision = KubeObjects.revision(rs);
      api.podsOf(t, rs).stream()
          .filter(p -> SnapshotAssembler.isPodOf(p, rs))
          .forEach(
              p -> {
                byName.putIfAbsent(name(p), p);
                revisionOf.putIfAbsent(name(p), revision);
              });
    }
    List<Pod> pods = new ArrayList<>(byName.values());
    pods.sort(
        Comparator.comparing((Pod p) -> revisionOf.get(name(p)))
            .thenComparing(ClusterLooks::created)
            .thenComparing(ClusterLooks::name)
            .reversed());
    return pods;
  }

  private static Description.PodState podState(Pod p) {
    List<ContainerStatus> statuses =
        p.getStatus() == null || p.getStatus().getContainerStatuses() == null
            ? List.of()
            : p.getStatus().getContainerStatuses();
    String phase = p.getStatus() == null ? "Unknown" : Objects.toString(p.getStatus().getPhase());
    String state = phase;
    for (ContainerStatus s : statuses) {
      if (s.getState() != null && s.getState().getWaiting() != null) {
        state = s.getState().getWaiting().getReason();
        break;
      }
      if (s.getState() != null && s.getState().getTerminated() != null) {
        state = "Terminated: " + s.getState().getTerminated().getReason();
        break;
      }
    }
    boolean ready =
        p.getStatus() != null
            && p.getStatus().getConditions() != null
            && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    int restarts =
        statuses.stream()
            .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
            .sum();
    List<String> imageIds =
        statuses.stream()
            .map(ContainerStatus::getImageID)
            .filter(id -> id != null && !id.isEmpty())
            .map(id -> id.replaceFirst("^[a-z-]+://", ""))
            .toList();
    return new Description.PodState(name(p), created(p), phase, ready, restarts, state, imageIds);
  }

  private static ClusterEvent event(Event e) {
    Instant at = instant(e.getLastTimestamp());
    if (at == null) {
      at = e.getEventTime() == null ? null : instant(e.getEventTime().getTime());
    }
    if (at == null) {
      at = instant(e.getMetadata().getCreationTimestamp());
    }
    return new ClusterEvent(
        at == null ? Instant.EPOCH : at,
        Objects.toString(e.getType(), "Normal"),
        Objects.toString(e.getReason(), ""),
        e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
        Objects.toString(e.getMessage(), "").strip(),
        e.getCount() == null ? 1 : Math.max(1, e.getCount()));
  }

  private static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant created(Pod p) {
    Instant at = instant(p.getMetadata().getCreationTimestamp());
    return at == null ? Instant.EPOCH : at;
  }

  private static String name(Pod p) {
    return p.getMetadata().getName();
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }
}
