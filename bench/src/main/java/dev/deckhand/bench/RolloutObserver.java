package dev.deckhand.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The truth the bot's messages are compared with: every status of every Deployment of the
 * namespace, as the harness's own informer on the simulated API server sees it, stamped with the
 * harness's clock. Only changes of what a live message shows (updated, ready, available) are kept.
 * Thread-safe.
 */
final class RolloutObserver implements AutoCloseable {

  /** One visible state of a deployment: what its progress bar shows, and whether it is done. */
  record Change(
      long nanos,
      long generation,
      int desired,
      int updated,
      int ready,
      int available,
      boolean complete) {
    String counts() {
      return updated + "/" + desired + "/" + ready + "/" + available;
    }
  }

  private final SharedIndexInformer<Deployment> informer;
  private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();

  RolloutObserver(KubernetesClient client, String namespace) {
    this.informer =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    record(d);
                  }

                  @Override
                  public void onUpdate(Deployment before, Deployment d) {
                    record(d);
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {}
                });
  }

  private void record(Deployment d) {
    long now = System.nanoTime();
    DeploymentStatus s = d.getStatus();
    if (s == null) {
      return;
    }
    int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    Change c =
        new Change(
            now,
            d.getMetadata().getGeneration(),
            desired,
            Objects.requireNonNullElse(s.getUpdatedReplicas(), 0),
            Objects.requireNonNullElse(s.getReadyReplicas(), 0),
            Objects.requireNonNullElse(s.getAvailableReplicas(), 0),
            WatchPerRollout.complete(d));
    List<Change> list = changes.computeIfAbsent(d.getMetadata().getName(), k -> new ArrayList<>());
    synchronized (list) {
      Change last = list.isEmpty() ? null : list.get(list.size() - 1);
      if (last == null
          || !last.counts().equals(c.counts())
          || last.complete() != c.complete()
          || last.generation() != c.generation()) {
        list.add(c);
      }
    }
  }

  /** The changes of one deployment after {@code sinceNanos}, oldest first. */
  List<Change> since(String deployment, long sinceNanos) {
    List<Change> list = changes.getOrDefault(deployment, List.of());
    synchronized (list) {
      return list.stream().filter(c -> c.nanos() >= sinceNanos).toList();
    }
  }

  /**
   * When the deployment's rollout of a generation newer than before {@code sinceNanos} completed.
   */
  long completedAt(String deployment, long sinceNanos) {
    List<Change> after = since(deployment, sinceNanos);
    boolean rolling = false;
    for (Change c : after) {
      if (!c.complete()) {
        rolling = true;
      } else if (rolling) {
        return c.nanos();
      }
    }
    return -1;
  }

  @Override
  public void close() {
    informer.close();
  }
}
