package dev.deckhand.kubesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoints of the simulated services, on 127.0.0.1 and an ephemeral port: {@code GET
 * /<cluster>/<namespace>/<deployment>/health} answers 200 {@code {"status":"ok","image":…}} when
 * the image tag of the Deployment's first container does not end in {@code -unhealthy}, 503 {@code
 * {"status":"degraded","image":…}} when it does, and 404 {@code {"status":"unknown"}} for an
 * unknown cluster or Deployment. The Deployment is read live on every request, so a rollout or
 * rollback changes the answer at once. Thread-safe; {@link #close()} stops at once.
 */
public final class SimHealth implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimHealth.class);

  private final Map<String, KubernetesClient> clusters;
  private final ObjectMapper mapper = new ObjectMapper();
  private final LoopbackHttp http;

  private SimHealth(Map<String, KubernetesClient> clusters) {
    this.clusters = Map.copyOf(clusters);
    this.http = new LoopbackHttp("kube-sim-health", this::handle);
  }

  /** Starts serving the health of Deployments in the given clusters, keyed by cluster name. */
  public static SimHealth start(Map<String, KubernetesClient> clusters) {
    return new SimHealth(clusters);
  }

  /** Like {@code http://127.0.0.1:41235}. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** The URL of one Deployment's health endpoint. */
  public String urlOf(String cluster, String namespace, String deployment) {
    return baseUrl() + "/" + cluster + "/" + namespace + "/" + deployment + "/health";
  }

  @Override
  public void close() {
    http.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      // "", cluster, namespace, deployment, "health"
      KubernetesClient client = parts.length == 5 ? clusters.get(parts[1]) : null;
      if (!"GET".equals(exchange.getRequestMethod())
          || client == null
          || !"health".equals(parts[4])) {
        reply(exchange, 404, Map.of("status", "unknown"));
        return;
      }
      Deployment deployment;
      try {
        deployment = client.apps().deployments().inNamespace(parts[2]).withName(parts[3]).get();
      } catch (KubernetesClientException e) {
        log.warn(
            "health of {}: cannot read the deployment: {}", exchange.getRequestURI(), e.toString());
        reply(exchange, 503, Map.of("status", "error"));
        return;
      }
      List<Container> containers =
          deployment == null
              ? List.of()
              : deployment.getSpec().getTemplate().getSpec().getContainers();
      if (containers.isEmpty()) {
        reply(exchange, 404, Map.of("status", "unknown"));
        return;
      }
      String image = containers.get(0).getImage();
      boolean healthy = FailureMode.ofImage(image) != FailureMode.UNHEALTHY;
      Map<String, String> body = new LinkedHashMap<>();
      body.put("status", healthy ? "ok" : "degraded");
      body.put("image", image);
      reply(exchange, healthy ? 200 : 503, body);
    }
  }

  private void reply(HttpExchange exchange, int code, Map<String, String> body) throws IOException {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a health answer", e);
    }
    LoopbackHttp.send(exchange, code, "application/json", bytes);
  }
}
