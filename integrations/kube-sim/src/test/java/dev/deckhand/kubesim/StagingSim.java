package dev.deckhand.kubesim;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link KubeSim} with one cluster, {@link #CLUSTER}, shared by the tests of one class: started
 * before them, closed after them. Register it as {@code @RegisterExtension static final StagingSim
 * kube = new StagingSim();}.
 */
final class StagingSim implements BeforeAllCallback, AfterAllCallback {
  static final String CLUSTER = "staging";

  private KubeSim sim;

  @Override
  public void beforeAll(ExtensionContext context) {
    sim = KubeSim.start(List.of(CLUSTER), SimOptions.defaults());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sim != null) {
      sim.close();
      sim = null;
    }
  }

  KubeSim sim() {
    return sim;
  }

  /** A fabric8 client of the cluster. */
  KubernetesClient client() {
    return sim.cluster(CLUSTER).client();
  }
}
