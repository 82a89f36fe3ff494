package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One simulated cluster: fabric8's mock API server in CRUD mode on 127.0.0.1 (an ephemeral port,
 * plain HTTP) with a deployment controller that behaves like the real one: ReplicaSets per pod
 * template with revisions, rolling updates within {@code maxSurge}/{@code maxUnavailable}, pods
 * that become Ready after {@link SimOptions#podReadyDelay()}, status through {@code /status},
 * conditions {@code Progressing}/{@code Available}, {@code spec.paused}, garbage collection of
 * ReplicaSets and pods, pod logs, and the events a real cluster records ({@code ScalingReplicaSet},
 * {@code SuccessfulCreate}/{@code SuccessfulDelete}, the kubelet's {@code BackOff} and pull {@code
 * Failed} warnings).
 *
 * <p>A container's image tag injects failures: {@code -crash} ({@code CrashLoopBackOff}, last state
 * {@code Error}), {@code -oom} ({@code CrashLoopBackOff}, {@code OOMKilled}), {@code -pullfail}
 * ({@code ErrImagePull}, then {@code ImagePullBackOff}), {@code -slow} (never Ready, so {@code
 * ProgressDeadlineExceeded}), {@code -unhealthy} (rolls out; {@link SimHealth} reports it
 * degraded), {@code -errors} (rolls out; {@link SimPrometheus} reports a high 5xx ratio and
 * latency).
 *
 * <p>Jobs run one pod at a time to {@code Complete}, or to {@code Failed} when the image tag ends
 * in {@code -migfail} (retried up to {@code backoffLimit}) or, with {@code -migslow}, when {@code
 * activeDeadlineSeconds} pass; their pods log goose-style migration output ({@link JobSync}).
 *
 * <p>Not simulated: {@code minReadySeconds} (Ready pods count as available at once), termination
 * grace periods (pods vanish at once), strategic-merge patches (the mock answers 415), parallel
 * Jobs, StatefulSets and other controllers.
 *
 * <p>Thread-safe. {@link #start} blocks until the server listens and the controller has synced;
 * {@link #close()} stops the controller, closes the client and the server.
 */
public final class SimCluster implements AutoCloseable {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final String name;
  // Held so the level set below survives: java.util.logging keeps loggers weakly.
  private final java.util.logging.Logger requestLog =
      java.util.logging.Logger.getLogger(MockWebServer.class.getName());
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final KubernetesClient controllerClient;
  private final DeploymentController controller;
  private final PodLogs logs = new PodLogs();
  private final SimPsql psql = new SimPsql();

  private SimCluster(String name, SimOptions options, Clock clock) {
    this.name = name;
    // The mock logs every request at INFO; a demo or benchmark makes thousands.
    requestLog.setLevel(java.util.logging.Level.WARNING);
    KubernetesCrudDispatcher crud =
        new KubernetesCrudDispatcher(
            List.of(
                withStatus("apps", "Deployment", "deployments"),
                withStatus("apps", "ReplicaSet", "replicasets"),
                withStatus("batch", "Job", "jobs")));
    this.server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new SimDispatcher(crud, new Discovery(), logs, psql),
            false);
    server.init(loopback(), 0);
    // The controller gets a client of its own: its informers' watches and steady writes must not
    // take the connections that callers of client() need (on two busy cores a shared pool made
    // callers' requests wait past their timeout).
    KubernetesClient started = null;
    KubernetesClient forController = null;
    DeploymentController running = null;
    try {
      started = newClient(masterUrl());
      forController = newClient(masterUrl());
      running = new DeploymentController(name, forController, options, clock);
      running.start();
      running.every(Duration.ofSeconds(1), this::forgetRecordedRequests);
    } catch (RuntimeException e) {
      if (running != null) {
        running.close();
      }
      if (forController != null) {
        forController.close();
      }
      if (started != null) {
        started.close();
      }
      server.destroy();
      throw e;
    }
    this.client = started;
    this.controllerClient = forController;
    this.controller = running;
  }

  /**
   * Starts a cluster called {@code name} (lower-case letters, digits and dashes).
   *
   * @throws IllegalArgumentException if the name is not a DNS label
   */
  public static SimCluster start(String name, SimOptions options) {
    return start(name, options, Clock.systemUTC());
  }

  static SimCluster start(String name, SimOptions options, Clock clock) {
    Objects.requireNonNull(options, "options");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "cluster name must be a DNS label such as \"staging\": " + name);
    }
    return new SimCluster(name, options, clock);
  }

  /**
   * Plants text in the logs of every crashing container of this cluster ({@code -crash} and {@code
   * -oom} images): each of its lines is logged, as given, just before the container dies, so a test
   * can put a secret where a crash report would quote it.
   */
  public void plantCrashLog(String text) {
    logs.plantInCrashes(text);
  }

  /** The cluster's name, also its kubeconfig context name. */
  /** The scripted {@code psql} of this cluster's pod exec: the statements it received. */
  public SimPsql psql() {
    return psql;
  }

  public String name() {
    return name;
  }

  /** The API server's URL, {@code http://127.0.0.1:<port>}. */
  public String masterUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** A client for this cluster (default namespace {@code default}); shared, do not close it. */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Blocks until the Deployment has rolled out by {@code kubectl rollout status}'s rules.
   *
   * @return the rolled-out Deployment
   * @throws IllegalStateException if the rollout exceeds its progress deadline, the Deployment is
   *     deleted, or {@code timeout} passes first
   */
  public Deployment awaitRollout(String namespace, String deployment, Duration timeout) {
    Deployment result;
    try {
      result =
          client
              .apps()
              .deployments()
              .inNamespace(namespace)
              .withName(deployment)
              .waitUntilCondition(
                  d -> d == null || RolloutVerdict.of(d) != RolloutVerdict.WAITING,
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new IllegalStateException(
          "deployment " + namespace + "/" + deployment + " did not roll out within " + timeout, e);
    }
    if (result == null) {
      throw new IllegalStateException("deployment " + namespace + "/" + deployment + " is gone");
    }
    if (RolloutVerdict.of(result) == RolloutVerdict.FAILED) {
      DeploymentCondition progressing =
          result.getStatus().getConditions().stream()
              .filter(c -> DeploymentStatuses.PROGRESSING.equals(c.getType()))
              .findFirst()
              .orElseThrow();
      throw new IllegalStateException(
          "deployment " + namespace + "/" + deployment + " failed: " + progressing.getMessage());
    }
    return result;
  }

  @Override
  public void close() {
    try {
      controller.close();
      controllerClient.close();
      client.close();
    } finally {
      destroyServer();
    }
  }

  /**
   * Stops the mock API server. Its close is asynchronous and awaited for a fixed time only; on two
   * busy cores it can take longer. The server is closing by then and owns nothing else, so a close
   * that outlasts that wait is logged, not thrown: a shutdown must not fail for being slow.
   */
  private void destroyServer() {
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
        throw e;
      }
      org.slf4j.LoggerFactory.getLogger(SimCluster.class)
          .warn("the mock API server of {} is still closing: {}", name, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "SimCluster[" + name + " at " + masterUrl() + "]";
  }

  /** The mock records every request for assertions we never make; drop them to bound memory. */
  private void forgetRecordedRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CustomResourceDefinitionContext withStatus(
      String group, String kind, String plural) {
    // Registering a built-in kind this way makes the mock keep status out of spec writes, as
    // the real API server does for resources with a status subresource.
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withScope("Namespaced")
        .withStatusSubresource(true)
        .build();
  }

  private static KubernetesClient newClient(String masterUrl) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(masterUrl)
            .withNamespace("default")
            .withHttp2Disable(true)
            .withRequestTimeout(30_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("127.0.0.1 is always a valid address", e);
    }
  }
}
