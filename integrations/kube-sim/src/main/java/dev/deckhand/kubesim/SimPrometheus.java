package dev.deckhand.kubesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus HTTP API of the simulated services, on 127.0.0.1 and an ephemeral port: {@code GET
 * /<cluster>/api/v1/query?query=...} answers the canary gates' three default queries (request
 * count, 5xx ratio, p99 latency) for the Deployment the query's {@code namespace="X"} and {@code
 * pod=~"D-[a-z0-9]+-[a-z0-9]+"} selectors name, so the catalog's URL is {@code <base>/{cluster}}.
 *
 * <p>A Deployment whose first container's image tag ends in {@code -errors} serves {@value
 * #FAILING_ERROR_RATIO} of its requests as 5xx at a p99 of {@value #FAILING_P99_SECONDS} s; any
 * other {@value #HEALTHY_ERROR_RATIO} at {@value #HEALTHY_P99_SECONDS} s; each {@value #REQUESTS}
 * requests per window. The Deployment is read live on every request. An unknown cluster or
 * Deployment answers an empty vector (no samples, as Prometheus would); a query of another shape a
 * 400 {@code bad_data} error. Answers are in the real format ({@code
 * {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[<now>,"0.002"]}]}}}).
 * Thread-safe; {@link #close()} stops at once.
 */
public final class SimPrometheus implements AutoCloseable {
  public static final double REQUESTS = 600;
  public static final double HEALTHY_ERROR_RATIO = 0.002;
  public static final double HEALTHY_P99_SECONDS = 0.12;
  public static final double FAILING_ERROR_RATIO = 0.25;
  public static final double FAILING_P99_SECONDS = 1.2;

  private static final Logger log = LoggerFactory.getLogger(SimPrometheus.class);
  private static final Pattern PATH = Pattern.compile("/([^/]+)/api/v1/query");
  private static final Pattern NAMESPACE = Pattern.compile("namespace=\"([^\"]+)\"");
  private static final Pattern DEPLOYMENT =
      Pattern.compile("pod=~\"(.+?)-\\[a-z0-9\\]\\+-\\[a-z0-9\\]\\+\"");

  /** The query shapes this simulation understands. */
  private enum Shape {
    REQUESTS,
    ERROR_RATIO,
    P99_LATENCY;

    static Optional<Shape> of(String promql) {
      if (promql.contains("histogram_quantile")) {
        return Optional.of(P99_LATENCY);
      }
      if (promql.contains("code=~\"5..")) {
        return Optional.of(ERROR_RATIO);
      }
      if (promql.startsWith("sum(increase(http_requests_total")) {
        return Optional.of(REQUESTS);
      }
      return Optional.empty();
    }

    double value(boolean failing) {
      return switch (this) {
        case REQUESTS -> SimPrometheus.REQUESTS;
        case ERROR_RATIO -> failing ? FAILING_ERROR_RATIO : HEALTHY_ERROR_RATIO;
        case P99_LATENCY -> failing ? FAILING_P99_SECONDS : HEALTHY_P99_SECONDS;
      };
    }
  }

  private final Map<String, KubernetesClient> clusters;
  private final ObjectMapper mapper = new ObjectMapper();
  private final LoopbackHttp http;

  private SimPrometheus(Map<String, KubernetesClient> clusters) {
    this.clusters = Map.copyOf(clusters);
    this.http = new LoopbackHttp("kube-sim-prometheus", this::handle);
  }

  /** Starts serving the metrics of Deployments in the given clusters, keyed by cluster name. */
  public static SimPrometheus start(Map<String, KubernetesClient> clusters) {
    return new SimPrometheus(clusters);
  }

  /**
   * Like {@code http://127.0.0.1:41236}; the catalog's URL is this followed by {@code /{cluster}}.
   */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** The Prometheus base URL of one cluster (without {@code /api/v1}). */
  public String urlOf(String cluster) {
    return baseUrl() + "/" + cluster;
  }

  @Override
  public void close() {
    http.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
        error(exchange, 404, "not_found", "serves GET /<cluster>/api/v1/query only");
        return;
      }
      String promql = queryOf(exchange.getRequestURI().getRawQuery());
      if (promql == null || promql.isBlank()) {
        error(exchange, 400, "bad_data", "invalid parameter \"query\": no query given");
        return;
      }
      Optional<Shape> shape = Shape.of(promql);
      Matcher namespace = NAMESPACE.matcher(promql);
      Matcher deployment = DEPLOYMENT.matcher(promql);
      if (shape.isEmpty() || !namespace.find() || !deployment.find()) {
        error(
            exchange,
            400,
            "bad_data",
            "the simulation answers only the canary's default queries (requests, error-rate,"
                + " p99-latency with namespace=\"X\" and pod=~\"D-[a-z0-9]+-[a-z0-9]+\"), not: "
                + promql);
        return;
      }
      KubernetesClient client =
          clusters.get(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8));
      OptionalDouble value;
      try {
        value =
            client == null
                ? OptionalDouble.empty()
                : imageOf(client, namespace.group(1), deployment.group(1))
                    .map(image -> OptionalDouble.of(shape.get().value(failing(image))))
                    .orElse(OptionalDouble.empty());
      } catch (KubernetesClientException e) {
        log.warn("metrics of {}: cannot read the deployment: {}", promql, e.toString());
        error(exchange, 503, "unavailable", "cannot read the deployment: " + e.getMessage());
        return;
      }
      vector(exchange, value);
    }
  }

  private static Optional<String> imageOf(KubernetesClient client, String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    List<Container> containers =
        deployment == null
            ? List.of()
            : deployment.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() ? Optional.empty() : Optional.of(containers.get(0).getImage());
  }

  private static boolean failing(String image) {
    return FailureMode.tagOf(image).endsWith("-errors");
  }

  private static String queryOf(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("query=")) {
        return URLDecoder.decode(pair.substring("query=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void vector(HttpExchange exchange, OptionalDouble value) throws IOException {
    ObjectNode body = mapper.createObjectNode().put("status", "success");
    ObjectNode data = body.putObject("data").put("resultType", "vector");
    ArrayNode result = data.putArray("result");
    if (value.isPresent()) {
      ObjectNode sample = result.addObject();
      sample.putObject("metric");
      sample
          .putArray("value")
          .add(BigDecimal.valueOf(System.currentTimeMillis(), 3))
          .add(BigDecimal.valueOf(value.getAsDouble()).stripTrailingZeros().toPlainString());
    }
    send(exchange, 200, body);
  }

  private void error(HttpExchange exchange, int code, String type, String message)
      throws IOException {
    send(
        exchange,
        code,
        mapper
            .createObjectNode()
            .put("status", "error")
            .put("errorType", type)
            .put("error", message));
  }

  private void send(HttpExchange exchange, int code, ObjectNode body) throws IOException {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a metrics answer", e);
    }
    LoopbackHttp.send(exchange, code, "application/json", bytes);
  }
}
