package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole simulated world for demo mode, tests and benchmarks: one {@link SimCluster} per name, a
 * {@link SimRegistry}, a {@link SimHealth} and a {@link SimPrometheus}, all on 127.0.0.1.
 *
 * <pre>{@code
 * try (KubeSim sim = KubeSim.start(List.of("staging", "prod"), SimOptions.defaults())) {
 *   sim.registry().addTags("acme/web", "1.0.0", "1.1.0");
 *   sim.seedDeployment("staging", "shop", "web", "web",
 *       sim.registry().host() + "/acme/web:1.0.0", 3);
 *   sim.writeKubeconfig(Path.of("kubeconfig"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start} and {@link #seedDeployment} block; {@link #close()} stops
 * everything.
 */
public final class KubeSim implements AutoCloseable {

  private final SimOptions options;
  private final Map<String, SimCluster> clusters;
  private final SimRegistry registry;
  private final SimHealth health;
  private final SimPrometheus prometheus;

  private KubeSim(
      SimOptions options,
      Map<String, SimCluster> clusters,
      SimRegistry registry,
      SimHealth health,
      SimPrometheus prometheus) {
    this.options = options;
    this.clusters = clusters;
    this.registry = registry;
    this.health = health;
    this.prometheus = prometheus;
  }

  /**
   * Starts a cluster per name (in that order), the registry, the health endpoint and the metrics
   * endpoint.
   *
   * @throws IllegalArgumentException if there are no names, duplicates or invalid names
   */
  public static KubeSim start(List<String> clusterNames, SimOptions options) {
    Objects.requireNonNull(options, "options");
    if (clusterNames.isEmpty() || Set.copyOf(clusterNames).size() != clusterNames.size()) {
      throw new IllegalArgumentException("need distinct cluster names: " + clusterNames);
    }
    Map<String, SimCluster> started = new LinkedHashMap<>();
    SimRegistry registry = null;
    SimHealth health = null;
    try {
      for (String name : clusterNames) {
        started.put(name, SimCluster.start(name, options));
      }
      registry = SimRegistry.start();
      Map<String, KubernetesClient> clients = new LinkedHashMap<>();
      started.forEach((name, cluster) -> clients.put(name, cluster.client()));
      health = SimHealth.start(clients);
      return new KubeSim(options, started, registry, health, SimPrometheus.start(clients));
    } catch (RuntimeException e) {
      if (health != null) {
        health.close();
      }
      if (registry != null) {
        registry.close();
      }
      started.values().forEach(SimCluster::close);
      throw e;
    }
  }

  /**
   * The cluster of that name.
   *
   * @throws IllegalArgumentException if there is none
   */
  public SimCluster cluster(String name) {
    SimCluster cluster = clusters.get(name);
    if (cluster == null) {
      throw new IllegalArgumentException(
          "no simulated cluster \"" + name + "\"; there are " + clusters.keySet());
    }
    return cluster;
  }

  /** All clusters in the order they were named. */
  public List<SimCluster> clusters() {
    return List.copyOf(clusters.values());
  }

  public SimRegistry registry() {
    return registry;
  }

  public SimHealth health() {
    return health;
  }

  public SimPrometheus prometheus() {
    return prometheus;
  }

  public SimOptions options() {
    return options;
  }

  /**
   * Creates the namespace if absent and a realistic Deployment ({@code app=<deployment>} labels and
   * selector, RollingUpdate with the options' surge and unavailability, the options' progress
   * deadline, revision history 10, {@code IfNotPresent}, a readiness probe), then blocks until it
   * has rolled out.
   *
   * @return the rolled-out Deployment
   * @throws IllegalStateException if it already exists, or does not roll out within its progress
   *     deadline (for example a {@code -crash} image)
   */
  public Deployment seedDeployment(
      String cluster,
      String namespace,
      String deployment,
      String container,
      String image,
      int replicas) {
    createDeployment(cluster, namespace, deployment, container, image, replicas);
    return cluster(cluster)
        .awaitRollout(
            namespace, deployment, Duration.ofSeconds(options.progressDeadlineSeconds() + 10L));
  }

  /**
   * Creates (or replaces the data of) a ConfigMap, as a cluster's own would be before Deckhand
   * manages it: the demo seeds each service's ConfigMap from its file, so an edit shows a diff.
   */
  public void seedConfigMap(
      String cluster, String namespace, String name, java.util.Map<String, String> data) {
    cluster(cluster)
        .client()
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withData(new java.util.LinkedHashMap<>(data))
                .build())
        .createOr(existing -> existing.update());
  }

  /**
   * Like {@link #seedDeployment} but returns once the Deployment is created, without waiting for
   * its rollout: for seeding hundreds at once (benchmarks), then waiting for them together.
   *
   * @throws IllegalStateException if it already exists
   */
  public void createDeployment(
      String cluster,
      String namespace,
      String deployment,
      String container,
      String image,
      int replicas) {
    KubernetesClient client = cluster(cluster).client();
    try {
      if (client.namespaces().withName(namespace).get() == null) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    try {
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .resource(
              SeedDeployments.build(options, namespace, deployment, container, image, replicas))
          .create();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "while seeding deployment " + namespace + "/" + deployment + " in " + cluster, e);
    }
  }

  /**
   * Writes a kubeconfig with one cluster, context and user per simulated cluster (context name =
   * cluster name; the first is current), replacing {@code file} atomically.
   */
  public void writeKubeconfig(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), ".kubeconfig", ".tmp");
    Files.writeString(temporary, Kubeconfig.render(clusters()), StandardCharsets.UTF_8);
    Files.move(
        temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (AutoCloseable part : List.<AutoCloseable>of(prometheus, health, registry)) {
      closeQuietly(part, failures);
    }
    clusters.values().forEach(cluster -> closeQuietly(cluster, failures));
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void closeQuietly(AutoCloseable part, List<RuntimeException> failures) {
    try {
      part.close();
    } catch (RuntimeException e) {
      failures.add(e);
    } catch (Exception e) {
      failures.add(new IllegalStateException("while closing " + part, e));
    }
  }
}
