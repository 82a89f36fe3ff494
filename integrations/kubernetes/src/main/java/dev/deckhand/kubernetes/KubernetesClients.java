package dev.deckhand.kubernetes;

import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes fabric8 clients from a kubeconfig context or from the pod's service account. */
public final class KubernetesClients {
  static final int TASK_THREADS = 4;
  static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  private KubernetesClients() {}

  /**
   * A client for one context of a kubeconfig file. Reads the file now; connects lazily.
   *
   * @throws ClusterException when the file cannot be read or has no such context
   */
  public static KubernetesClient fromKubeconfig(Path kubeconfig, String context) {
    String yaml;
    try {
      yaml = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new ClusterException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
    }
    Config config;
    try {
      config = Config.fromKubeconfig(context, yaml, kubeconfig.toString());
    } catch (RuntimeException e) {
      throw new ClusterException(
          "kubeconfig "
              + kubeconfig
              + " has no usable context '"
              + context
              + "': "
              + e.getMessage(),
          e);
    }
    if (config.getCurrentContext() == null
        || !context.equals(config.getCurrentContext().getName())) {
      throw new ClusterException("kubeconfig " + kubeconfig + " has no context '" + context + "'");
    }
    return build(config);
  }

  /**
   * A client from the service account the pod runs as (token and CA under {@value
   * #SERVICE_ACCOUNT}, API server from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}). Uses
   * fabric8's auto-configuration, which re-reads the rotated token when the server answers 401.
   *
   * @throws ClusterException when not running in a pod (no service account token)
   */
  public static KubernetesClient inCluster() {
    if (!Files.isReadable(Path.of(SERVICE_ACCOUNT, "token"))) {
      throw new ClusterException(
          "in-cluster: true, but there is no service account token under "
              + SERVICE_ACCOUNT
              + " (is Deckhand running in a pod with automountServiceAccountToken?)");
    }
    return build(Config.autoConfigure(null));
  }

  /**
   * A client on the JDK's HTTP client, with bounded pools: {@value
   * SmallJdkHttpClientFactory#THREADS} threads for HTTP and {@value #TASK_THREADS} for fabric8's
   * tasks (informer callbacks, each informer's serialised on one thread at a time), where fabric8's
   * defaults are unbounded cached pools. Closing the client shuts both down.
   */
  private static KubernetesClient build(Config config) {
    return new KubernetesClientBuilder()
        .withHttpClientFactory(new SmallJdkHttpClientFactory("kube-http"))
        .withTaskExecutorSupplier(() -> DaemonPools.fixed("kube-task", TASK_THREADS))
        .withConfig(config)
        .build();
  }
}
