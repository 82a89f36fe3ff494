package dev.deckhand.kubernetes;

import dev.deckhand.kubesim.KubeSim;
import dev.deckhand.kubesim.SimOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * One kube-sim cluster, {@link #CLUSTER}, and the {@link KubernetesClusters} that reach it through
 * a kubeconfig, as the bot builds them. For ITs that share it across their tests.
 */
final class SimWorld implements AutoCloseable {
  static final String CLUSTER = "staging";

  final KubeSim sim;
  final KubernetesClusters clusters;
  final Path kubeconfig;

  private SimWorld(KubeSim sim, KubernetesClusters clusters, Path kubeconfig) {
    this.sim = sim;
    this.clusters = clusters;
    this.kubeconfig = kubeconfig;
  }

  /**
   * Starts the cluster with pods ready after {@code podReadyDelay}; the kubeconfig goes in {@code
   * dir}.
   */
  static SimWorld start(Path dir, Duration podReadyDelay) throws IOException {
    KubeSim sim =
        KubeSim.start(List.of(CLUSTER), SimOptions.defaults().withPodReadyDelay(podReadyDelay));
    try {
      Path kubeconfig = dir.resolve("kubeconfig");
      sim.writeKubeconfig(kubeconfig);
      KubernetesClusters clusters =
          new KubernetesClusters(
              Map.of(
                  CLUSTER,
                  KubernetesClients.fromKubeconfig(kubeconfig, CLUSTER, ForkJoinPool.commonPool())),
              ForkJoinPool.commonPool());
      return new SimWorld(sim, clusters, kubeconfig);
    } catch (IOException | RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** The simulated cluster's own client, to seed and inspect objects. */
  KubernetesClient k8s() {
    return sim.cluster(CLUSTER).client();
  }

  @Override
  public void close() {
    try {
      clusters.close();
    } finally {
      sim.close();
    }
  }
}
