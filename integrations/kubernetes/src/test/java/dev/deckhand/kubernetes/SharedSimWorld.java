package dev.deckhand.kubernetes;

import dev.deckhand.kubesim.KubeSim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SimWorld} shared by the tests of one class: started before them (before the class's own
 * {@code @BeforeAll}), its kubeconfig in a temporary directory, closed after them. Register it as
 * {@code @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(podReadyDelay);}.
 */
final class SharedSimWorld implements BeforeAllCallback, AfterAllCallback {
  private final Duration podReadyDelay;
  private Path dir;
  private SimWorld world;

  SharedSimWorld(Duration podReadyDelay) {
    this.podReadyDelay = podReadyDelay;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("sim-world");
    world = SimWorld.start(dir, podReadyDelay);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (world != null) {
        world.close();
      }
    } finally {
      world = null;
      if (dir != null) {
        Files.deleteIfExists(dir.resolve("kubeconfig"));
        Files.deleteIfExists(dir);
      }
    }
  }

  SimWorld world() {
    return world;
  }

  /** The kube-sim that simulates {@link SimWorld#CLUSTER}. */
  KubeSim sim() {
    return world.sim;
  }

  /** The adapter under test, reaching the simulated cluster through the kubeconfig. */
  KubernetesClusters clusters() {
    return world.clusters;
  }

  /** The simulated cluster's own client, to seed and inspect objects. */
  KubernetesClient k8s() {
    return world.k8s();
  }
}
