package dev.deckhand.kubernetes;

import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/** Makes fabric8 clients from a kubeconfig context or from the pod's service account. */
public final class KubernetesClients {
  static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  private KubernetesClients() {}

  /**
   * A client for one context of a kubeconfig file. Reads the file now; connects lazily.
   *
   * @param io runs the client's non-blocking work (see {@link #build}); the caller owns it and may
   *     share it among clients
   * @throws ClusterException when the file cannot be read or has no such context
   */
  public static KubernetesClient fromKubeconfig(Path kubeconfig, String context, Executor io) {
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
    return build(config, io);
  }

  /**
   * A client from the service account the pod runs as (token and CA under {@value
   * #SERVICE_ACCOUNT}, API server from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}). Uses
   * fabric8's auto-configuration, which re-reads the rotated token when the server answers 401.
   *
   * @param io as for {@link #fromKubeconfig}
   * @throws ClusterException when not running in a pod (no service account token)
   */
  public static KubernetesClient inCluster(Executor io) {
    if (!Files.isReadable(Path.of(SERVICE_ACCOUNT, "token"))) {
      throw new ClusterException(
          "in-cluster: true, but there is no service account token under "
              + SERVICE_ACCOUNT
              + " (is Deckhand running in a pod with automountServiceAccountToken?)");
    }
    return build(Config.autoConfigure(null), io);
  }

  /**
   * A client on the JDK's HTTP client whose non-blocking work all runs on the caller's executor,
   * where fabric8's defaults are an unbounded cached pool for HTTP and another for tasks: the HTTP
   * client's futures and watch events ({@link SmallJdkHttpClientFactory}), and fabric8's tasks,
   * that is the informers' event handlers (each informer's serialised on one thread at a time),
   * which only recompute a snapshot from the caches and hand it to a listener that must not block.
   * Closing the client leaves the executor running (fabric8 shuts down only executors it made).
   */
  private static KubernetesClient build(Config config, Executor io) {
    return new KubernetesClientBuilder()
        .withHttpClientFactory(new SmallJdkHttpClientFactory(io))
        .withTaskExecutor(io)
        .withConfig(config)
        .build();
  }
}
