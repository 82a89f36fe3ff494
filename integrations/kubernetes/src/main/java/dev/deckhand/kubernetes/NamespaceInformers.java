package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three shared informers (Deployments, ReplicaSets, Pods) of one namespace of one cluster, and
 * the subscriptions fed from them. Every event is routed to the deployment it touches (directly,
 * through the ReplicaSet's owner, or through the pod's ReplicaSet), and each subscription of that
 * deployment recomputes its snapshot from the informers' caches: no API call per event.
 *
 * <p>The caches keep trimmed copies ({@link CachedCopies}): what a snapshot reads, not whole API
 * objects. Informers run with resync off; list-then-watch and the relist after {@code 410 Gone} are
 * fabric8's, and the exception handler keeps retrying (with fabric8's back-off) whatever fails.
 * Thread-safe.
 */
final class NamespaceInformers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespaceInformers.class);
  private static final String BY_OWNER = "owner";
  private static final String BY_HASH = "pod-template-hash";

  private final String cluster;
  private final String namespace;
  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<Pod> pods;
  private final CompletableFuture<Void> synced;
  private final Map<String, Set<RolloutSubscription>> subscribers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  NamespaceInformers(KubernetesClient client, String cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.deployments =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .runnableInformer(0)
            .itemStore(new TrimmingItemStore<>(CachedCopies::deployment));
    this.replicaSets =
        client
            .apps()
            .replicaSets()
            .inNamespace(namespace)
            .runnableInformer(0)
            .itemStore(new TrimmingItemStore<>(CachedCopies::replicaSet));
    this.pods =
        client
            .pods()
            .inNamespace(namespace)
            .runnableInformer(0)
            .itemStore(new TrimmingItemStore<>(CachedCopies::pod));
    replicaSets.addIndexers(Map.of(BY_OWNER, rs -> KubeObjects.ownerNames(rs, "Deployment")));
    pods.addIndexers(Map.of(BY_HASH, NamespaceInformers::hashOf));
    this.synced =
        CompletableFuture.allOf(
            start(deployments, this::routeDeployment),
            start(replicaSets, this::routeReplicaSet),
            start(pods, this::routePod));
  }

  /** How many informers an instance runs: one per kind. */
  static int informersPerNamespace() {
    return 3;
  }

  /** Completes once all three informers have listed. */
  CompletableFuture<Void> synced() {
    return synced;
  }

  void add(RolloutSubscription s) {
    subscribers.computeIfAbsent(s.target().deployment(), k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  void remove(RolloutSubscription s) {
    subscribers.computeIfPresent(
        s.target().deployment(), (k, set) -> set.remove(s) && set.isEmpty() ? null : set);
  }

  /** The snapshot from the caches, empty while the deployment is not in the cache. */
  Optional<RolloutSnapshot> snapshot(Target target) {
    Deployment d = deployments.getStore().getByKey(namespace + "/" + target.deployment());
    if (d == null) {
      return Optional.empty();
    }
    List<ReplicaSet> candidates = replicaSets.getIndexer().byIndex(BY_OWNER, target.deployment());
    return Optional.of(
        SnapshotAssembler.assemble(
            target,
            d,
            candidates,
            rs -> {
              String hash = KubeObjects.label(rs, KubeObjects.POD_TEMPLATE_HASH);
              return hash == null
                  ? pods.getStore().list()
                  : pods.getIndexer().byIndex(BY_HASH, hash);
            }));
  }

  private <T extends HasMetadata> CompletableFuture<Void> start(
      SharedIndexInformer<T> informer, Function<T, List<String>> route) {
    String kind = informer.getApiTypeClass().getSimpleName();
    ExceptionHandler retry =
        (started, t) -> {
          if (closed) {
            return false;
          }
          log.warn(
              "{} informer for namespace {} in cluster {} failed; retrying: {}",
              kind,
              namespace,
              cluster,
              t.toString());
          return true;
        };
    informer.exceptionHandler(retry);
    informer.addEventHandler(new Router<>(route));
    return informer.start().toCompletableFuture();
  }

  private List<String> routeDeployment(Deployment d) {
    return List.of(d.getMetadata().getName());
  }

  private List<String> routeReplicaSet(ReplicaSet rs) {
    return KubeObjects.ownerNames(rs, "Deployment");
  }

  /**
   * A pod's deployment through its ReplicaSet: from the cache, or, when the ReplicaSet is not
   * cached yet, from the ReplicaSet's name ({@code <deployment>-<pod-template-hash>}).
   */
  private List<String> routePod(Pod p) {
    List<String> result = new ArrayList<>();
    String hash = KubeObjects.label(p, KubeObjects.POD_TEMPLATE_HASH);
    for (String rsName : KubeObjects.ownerNames(p, "ReplicaSet")) {
      ReplicaSet rs = replicaSets.getStore().getByKey(namespace + "/" + rsName);
      if (rs != null) {
        result.addAll(KubeObjects.ownerNames(rs, "Deployment"));
      } else if (hash != null && rsName.endsWith("-" + hash)) {
        result.add(rsName.substring(0, rsName.length() - hash.length() - 1));
      }
    }
    return result;
  }

  private void changed(List<String> deploymentNames) {
    for (String name : deploymentNames) {
      Set<RolloutSubscription> subs = subscribers.get(name);
      if (subs != null) {
        subs.forEach(RolloutSubscription::refresh);
      }
    }
  }

  private static List<String> hashOf(Pod p) {
    String hash = KubeObjects.label(p, KubeObjects.POD_TEMPLATE_HASH);
    return hash == null ? List.of() : List.of(hash);
  }

  @Override
  public void close() {
    closed = true;
    deployments.close();
    replicaSets.close();
    pods.close();
  }

  /** Routes every event of one informer to the deployments it touches. */
  private final class Router<T> implements ResourceEventHandler<T> {
    private final Function<T, List<String>> route;

    Router(Function<T, List<String>> route) {
      this.route = route;
    }

    @Override
    public void onAdd(T obj) {
      changed(route.apply(obj));
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      changed(route.apply(newObj));
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      changed(route.apply(obj));
    }
  }
}
