package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector's part that matters here: ReplicaSets whose Deployment is gone and pods
 * whose ReplicaSet is gone are deleted (background propagation). Confined to the controller thread;
 * blocks on API calls.
 */
final class GarbageCollector {

  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

  private final ClusterWriter writer;

  GarbageCollector(ClusterWriter writer) {
    this.writer = writer;
  }

  /**
   * Deletes objects whose controlling owner (a Deployment for a ReplicaSet, a ReplicaSet or a Job
   * for a pod) is gone; returns the survivors.
   */
  <T extends HasMetadata, O extends HasMetadata> List<T> collect(
      String ownerKind, List<O> owners, List<T> objects) {
    Set<String> ownerUids = new HashSet<>();
    owners.forEach(o -> ownerUids.add(o.getMetadata().getUid()));
    List<T> alive = new ArrayList<>(objects.size());
    for (T object : objects) {
      OwnerReference owner = DeploymentController.controllerOf(object);
      boolean ours =
          owner != null
              && ownerKind.equals(owner.getKind())
              && ("Deployment".equals(owner.getKind()) && object instanceof ReplicaSet
                  || ("ReplicaSet".equals(owner.getKind()) || "Job".equals(owner.getKind()))
                      && object instanceof Pod);
      if (!ours || ownerUids.contains(owner.getUid())) {
        alive.add(object);
        continue;
      }
      try {
        if (object instanceof Pod pod) {
          writer.delete(pod);
        } else {
          writer.delete((ReplicaSet) object);
        }
      } catch (RuntimeException e) {
        log.debug("could not collect {}: {}", object.getMetadata().getName(), e.toString());
      }
    }
    return alive;
  }
}
