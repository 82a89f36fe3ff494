package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Cluster} operations on one cluster, and its shared informers. Thread-safe. */
final class ClusterConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);

  private final String name;
  private final KubernetesClient client;
  private final DeploymentApi api;
  private final ImageSetter images;
  private final RolloutHistory history;
  private final RolloutControls controls;
  private final ClusterLooks looks;
  private final MigrationJobs jobs;
  private final ConfigObjects configs;
  private final ManifestObjects manifests;
  private final PodExec exec;
  private final Colours colours;
  private final Routes routes;
  private final Executor firstDelivery;
  private final Map<String, NamespaceInformers> informers = new ConcurrentHashMap<>();
  private final AtomicInteger informersCreated = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param firstDelivery runs each subscription's first call, so that it never runs on the thread
   *     that called {@code watch}
   */
  ClusterConnection(String name, KubernetesClient client, Executor firstDelivery) {
    this.name = name;
    this.client = client;
    this.api = new DeploymentApi(client);
    this.images = new ImageSetter(api);
    this.history = new RolloutHistory(api);
    this.controls = new RolloutControls(api);
    this.looks = new ClusterLooks(api);
    this.jobs = new MigrationJobs(api);
    this.configs = new ConfigObjects(client);
    this.manifests = new ManifestObjects(client);
    this.exec = new PodExec(client);
    this.colours = new Colours(api);
    this.routes = new Routes(api.client());
    this.firstDelivery = firstDelivery;
  }

  RolloutSnapshot read(Target t) {
    Deployment d = api.get(t);
    return SnapshotAssembler.assemble(t, d, api.ownedReplicaSets(t, d), rs -> api.podsOf(t, rs));
  }

  long setImage(Target t, String image, String changeCause) {
    return images.setImage(t, image, changeCause);
  }

  long undo(Target t, long toRevision, String changeCause) {
    return history.undo(t, toRevision, changeCause);
  }

  long restart(Target t, Instant at, String changeCause) {
    return controls.restart(t, at, changeCause);
  }

  long scale(Target t, int replicas) {
    return controls.scale(t, replicas);
  }

  long pause(Target t, boolean paused, String by, Instant at) {
    return controls.pause(t, paused, by, at);
  }

  List<Revision> history(Target t) {
    return history.history(t);
  }

  List<String> logTail(Target t, String pod, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    try {
      String log =
          client
              .pods()
              .inNamespace(t.namespace())
              .withName(pod)
              .inContainer(t.container())
              .tailingLines(lines)
              .getLog();
      return log == null || log.isEmpty() ? List.of() : List.of(log.split("\\R"));
    } catch (RuntimeException e) {
      ClusterConnection.log.debug(
          "no log for pod {}/{} in cluster {}", t.namespace(), pod, name, e);
      return List.of();
    }
  }

  ClusterLooks looks() {
    return looks;
  }

  PodExec exec() {
    return exec;
  }

  MigrationJobs jobs() {
    return jobs;
  }

  Colours colours() {
    return colours;
  }

  Routes routes() {
    return routes;
  }

  /** The deployment as it is now, or empty when it does not exist. */
  java.util.Optional<RolloutSnapshot> find(Target t) {
    return colours.exists(t) ? java.util.Optional.of(read(t)) : java.util.Optional.empty();
  }

  ConfigObjects configs() {
    return configs;
  }

  ManifestObjects manifests() {
    return manifests;
  }

  Cluster.Subscription watch(Target t, Consumer<RolloutSnapshot> listener) {
    NamespaceInformers source = informers.computeIfAbsent(t.namespace(), this::newInformers);
    RolloutSubscription subscription = new RolloutSubscription(t, listener, source);
    source.add(subscription);
    source
        .synced()
        .whenCompleteAsync(
            (ok, failure) -> {
              if (failure != null && !closed) {
                log.warn(
                    "informers for {} in cluster {} did not start", t.namespace(), name, failure);
              } else if (failure == null) {
                subscription.start();
              }
            },
            firstDelivery);
    return subscription;
  }

  private NamespaceInformers newInformers(String namespace) {
    informersCreated.addAndGet(NamespaceInformers.informersPerNamespace());
    log.info("starting shared informers for namespace {} in cluster {}", namespace, name);
    return new NamespaceInformers(client, name, namespace);
  }

  /** How many informers this cluster has started: 3 per namespace ever watched. */
  int informersCreated() {
    return informersCreated.get();
  }

  @Override
  public void close() {
    closed = true;
    informers.values().forEach(NamespaceInformers::close);
    informers.clear();
    client.close();
  }
}
