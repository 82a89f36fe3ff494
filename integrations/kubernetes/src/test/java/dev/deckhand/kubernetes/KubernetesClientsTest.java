package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {
  private static final Executor HTTP = ForkJoinPool.commonPool();

  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
        - name: zrh
          cluster: { server: "https://zrh.example:6443" }
        - name: lab
          cluster: { server: "https://lab.example:6443" }
      users:
        - name: bot
          user: { token: not-a-secret }
      contexts:
        - name: coachpilot-prod
          context: { cluster: zrh, user: bot }
        - name: lab
          context: { cluster: lab, user: bot }
      current-context: lab
      """;

  @TempDir Path dir;

  @Test
  void usesTheNamedContextNotTheCurrentOne() throws IOException {
    Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

    try (KubernetesClient client =
        KubernetesClients.fromKubeconfig(file, "coachpilot-prod", HTTP)) {
      assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://zrh.example:6443");
    }
  }

  @Test
  void anUnknownContextOrFileIsAClusterException() throws IOException {
    Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

    assertThatThrownBy(() -> KubernetesClients.fromKubeconfig(file, "nope", HTTP))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("context 'nope'");
    assertThatThrownBy(() -> KubernetesClients.fromKubeconfig(dir.resolve("missing"), "lab", HTTP))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("cannot read kubeconfig");
  }
}
