package dev.deckhand.kubernetes;

import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.Description;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.look.PodLog;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Cluster} port on fabric8, for every cluster the catalog names.
 *
 * <p>Built from the clients of the named clusters (see {@link KubernetesClients} to make them). It
 * takes ownership of them: {@link #close()} stops every informer and closes every client. All
 * methods are thread-safe; all but {@code watch} block on the API server. An unknown cluster name
 * is a {@link ClusterException} naming the known ones.
 *
 * <p>{@code watch} shares one informer per (cluster, namespace, kind) for Deployments, ReplicaSets
 * and Pods among all subscriptions, created on the first watch of a namespace and kept until {@code
 * close()}. Sharing matters: every informer holds one watch connection, and with the OkHttp client
 * each websocket costs threads (two per connection, and the client stalls at 64); the JDK client
 * {@link KubernetesClients} uses is cheaper but still pays a connection each. So 200 watched
 * deployments in one namespace cost three watches, not six hundred.
 */
public final class KubernetesClusters implements Cluster, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubernetesClusters.class);

  private final Map<String, ClusterConnection> clusters;
  private final Executor firstDelivery;
  private volatile boolean closed;

  /**
   * @param clients cluster name (as in the catalog) → a client for it; this instance closes them
   * @param firstDelivery runs each watch's first call, so that it never runs on the thread that
   *     called {@code watch}; its tasks do not block. Not owned: the informers' executor fits
   */
  public KubernetesClusters(Map<String, KubernetesClient> clients, Executor firstDelivery) {
    this.firstDelivery = firstDelivery;
    Executor deliver = this::deliverFirst;
    Map<String, ClusterConnection> byName = new LinkedHashMap<>();
    clients.forEach(
        (name, client) -> byName.put(name, new ClusterConnection(name, client, deliver)));
    this.clusters = Map.copyOf(byName);
  }

  @Override
  public RolloutSnapshot read(Target target) {
    return cluster(target).read(target);
  }

  @Override
  public long setImage(Target target, String image, String changeCause) {
    return cluster(target).setImage(target, image, changeCause);
  }

  @Override
  public long undo(Target target, long toRevision, String changeCause) {
    return cluster(target).undo(target, toRevision, changeCause);
  }

  @Override
  public long restart(Target target, Instant at, String changeCause) {
    return cluster(target).restart(target, at, changeCause);
  }

  @Override
  public long scale(Target target, int replicas) {
    return cluster(target).scale(target, replicas);
  }

  @Override
  public long pause(Target target, boolean paused, String by, Instant at) {
    return cluster(target).pause(target, paused, by, at);
  }

  @Override
  public List<Revision> history(Target target) {
    return cluster(target).history(target);
  }

  @Override
  public List<String> logTail(Target target, String pod, int lines) {
    return cluster(target).logTail(target, pod, lines);
  }

  @Override
  public PodLog logs(Target target, LogQuery query) {
    return cluster(target).looks().logs(target, query);
  }

  @Override
  public List<ClusterEvent> events(Target target, int limit) {
    return cluster(target).looks().events(target, limit);
  }

  @Override
  public Description describe(Target target) {
    return cluster(target).looks().describe(target);
  }

  @Override
  public dev.deckhand.commands.exec.ExecResult exec(
      Target target, dev.deckhand.commands.exec.ExecRequest request) {
    return cluster(target).exec().exec(target, request);
  }

  @Override
  public void startJob(Target target, JobRequest request) {
    cluster(target).jobs().start(target, request);
  }

  @Override
  public JobState job(Target target, String name) {
    return cluster(target).jobs().state(target, name);
  }

  @Override
  public List<String> jobLog(Target target, String name, int lines) {
    return cluster(target).jobs().log(target, name, lines);
  }

  @Override
  public Optional<Map<String, String>> configMap(Target target, String name) {
    return cluster(target).configs().configMap(target, name);
  }

  @Override
  public void applyConfigMap(Target target, String name, Map<String, String> data) {
    cluster(target).configs().applyConfigMap(target, name, data);
  }

  @Override
  public Optional<Map<String, String>> secretFingerprints(Target target, String name) {
    return cluster(target).configs().secretFingerprints(target, name);
  }

  @Override
  public void setSecretKeys(Target target, String name, Map<String, String> values) {
    cluster(target).configs().setSecretKeys(target, name, values);
  }

  @Override
  public Optional<RolloutSnapshot> find(Target target) {
    return cluster(target).find(target);
  }

  @Override
  public Map<String, String> serviceSelector(Target target, String service) {
    return cluster(target).colours().selector(target, service);
  }

  @Override
  public void setServiceSelector(Target target, String service, String key, String value) {
    cluster(target).colours().setSelector(target, service, key, value);
  }

  @Override
  public long copyDeployment(
      Target source, String name, Map<String, String> labels, String image, int replicas) {
    return cluster(source).colours().copy(source, name, labels, image, replicas);
  }

  @Override
  public void deleteDeployment(Target target) {
    cluster(target).colours().delete(target);
  }

  @Override
  public Map<String, Integer> routeWeights(
      Target target,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String service,
      String canary) {
    return cluster(target).routes().weights(target, route, service, canary);
  }

  @Override
  public void setRouteWeights(
      Target target,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String service,
      String canary,
      int canaryWeight) {
    cluster(target).routes().setWeights(target, route, service, canary, canaryWeight);
  }

  @Override
  public void copyService(Target target, String source, String name, Map<String, String> selector) {
    cluster(target).routes().copyService(target, source, name, selector);
  }

  @Override
  public void deleteService(Target target, String name) {
    cluster(target).routes().deleteService(target, name);
  }

  @Override
  public List<dev.deckhand.commands.manifest.ObjectChange> planManifests(
      Target target, List<dev.deckhand.commands.manifest.Manifest> files) {
    return cluster(target).manifests().plan(target, files);
  }

  @Override
  public void applyManifests(Target target, List<dev.deckhand.commands.manifest.Manifest> files) {
    cluster(target).manifests().apply(target, files);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Does not block: the first call comes from another thread once the namespace's informers have
   * listed. Consecutive equal snapshots are delivered once. No call comes while the deployment is
   * absent from the cache, or lacks the target container.
   */
  @Override
  public Subscription watch(Target target, Consumer<RolloutSnapshot> listener) {
    return cluster(target).watch(target, listener);
  }

  /** Runs a first delivery; after {@link #close()} drops it instead of failing the informer. */
  private void deliverFirst(Runnable delivery) {
    if (closed) {
      return;
    }
    try {
      firstDelivery.execute(delivery);
    } catch (RejectedExecutionException e) {
      log.debug("executor stopped: first delivery dropped");
    }
  }

  /** Informers started so far over all clusters (3 per watched namespace); for tests. */
  int informersCreated() {
    return clusters.values().stream().mapToInt(ClusterConnection::informersCreated).sum();
  }

  private ClusterConnection cluster(Target target) {
    ClusterConnection c = clusters.get(target.cluster());
    if (c == null) {
      throw new ClusterException(
          "unknown cluster '"
              + target.cluster()
              + "'; known clusters: "
              + (clusters.isEmpty()
                  ? "none"
                  : String.join(", ", clusters.keySet().stream().sorted().toList())));
    }
    return c;
  }

  /** Stops all informers and closes all clients. */
  @Override
  public void close() {
    closed = true;
    clusters.values().forEach(ClusterConnection::close);
  }
}
