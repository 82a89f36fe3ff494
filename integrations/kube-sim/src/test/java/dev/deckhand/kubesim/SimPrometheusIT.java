package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.commands.catalog.CanarySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The canary gates' three default queries against a simulated cluster, over HTTP. */
class SimPrometheusIT {
  // the canary's own defaults, so a change to them that the simulation cannot answer fails here
  private static final String REQUESTS = CanarySpec.Queries.DEFAULT.requests();
  private static final String ERROR_RATE = CanarySpec.Queries.DEFAULT.errorRate();
  private static final String P99 = CanarySpec.Queries.DEFAULT.latency();

  private static KubeSim sim;
  private static String image;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    sim =
        KubeSim.start(
            List.of("staging", "prod"),
            SimOptions.defaults()
                .withPodReadyDelay(Duration.ofMillis(150))
                .withProgressDeadlineSeconds(20));
    sim.registry().addTags("acme/web", "1.0.0", "1.1.0-errors");
    image = sim.registry().host() + "/acme/web:1.0.0";
    sim.seedDeployment("staging", "shop", "web", "web", image, 2);
    sim.seedDeployment(
        "staging",
        "shop",
        "web-canary",
        "web",
        sim.registry().host() + "/acme/web:1.1.0-errors",
        1);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String query(String template, String namespace, String deployment) {
    return CanarySpec.Queries.render(template, namespace, deployment, Duration.ofMinutes(1));
  }

  @Test
  void aHealthyDeploymentHasFewErrorsAndLowLatency() throws Exception {
    assertThat(value("staging", query(REQUESTS, "shop", "web"))).isEqualTo("600");
    assertThat(value("staging", query(ERROR_RATE, "shop", "web"))).isEqualTo("0.002");
    assertThat(value("staging", query(P99, "shop", "web"))).isEqualTo("0.12");
  }

  @Test
  void anErrorsTagHasManyErrorsAndHighLatency() throws Exception {
    assertThat(value("staging", query(REQUESTS, "shop", "web-canary"))).isEqualTo("600");
    assertThat(value("staging", query(ERROR_RATE, "shop", "web-canary"))).isEqualTo("0.25");
    assertThat(value("staging", query(P99, "shop", "web-canary"))).isEqualTo("1.2");
  }

  @Test
  void theAnswerIsInPrometheusFormat() throws Exception {
    double before = System.currentTimeMillis() / 1000.0;
    HttpResponse<String> response = get("staging", query(ERROR_RATE, "shop", "web"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("success");
    assertThat(body.path("data").path("resultType").asText()).isEqualTo("vector");
    JsonNode sample = body.path("data").path("result").get(0);
    assertThat(sample.path("metric").isObject()).isTrue();
    assertThat(sample.path("value").get(0).isNumber()).isTrue();
    assertThat(sample.path("value").get(0).asDouble()).isGreaterThanOrEqualTo(Math.floor(before));
    assertThat(sample.path("value").get(1).isTextual()).isTrue();
  }

  @Test
  void anUnknownClusterOrDeploymentHasNoSamples() throws Exception {
    for (HttpResponse<String> response :
        List.of(
            get("qa", query(ERROR_RATE, "shop", "web")),
            get("prod", query(ERROR_RATE, "shop", "web")),
            get("staging", query(ERROR_RATE, "shop", "nope")),
            get("staging", query(P99, "other", "web")))) {
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.path("status").asText()).isEqualTo("success");
      assertThat(body.path("data").path("result").size()).isZero();
    }
  }

  @Test
  void anotherQueryIsBadData() throws Exception {
    HttpResponse<String> response = get("staging", "up{job=\"web\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("errorType").asText()).isEqualTo("bad_data");
    assertThat(body.path("error").asText()).contains("up{job=\"web\"}");
  }

  @Test
  void theAnswerFollowsTheLiveDeployment() throws Exception {
    String errors = sim.registry().host() + "/acme/web:1.1.0-errors";
    var deployments = sim.cluster("prod").client().apps().deployments().inNamespace("shop");
    sim.seedDeployment("prod", "shop", "api", "api", image, 1);
    assertThat(value("prod", query(ERROR_RATE, "shop", "api"))).isEqualTo("0.002");
    deployments
        .withName("api")
        .edit(
            d -> {
              d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(errors);
              return d;
            });
    assertThat(value("prod", query(ERROR_RATE, "shop", "api"))).isEqualTo("0.25");
  }

  private String value(String cluster, String promql) throws Exception {
    HttpResponse<String> response = get(cluster, promql);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = json.readTree(response.body()).path("data").path("result");
    assertThat(result.size()).as(response.body()).isEqualTo(1);
    return result.get(0).path("value").get(1).asText();
  }

  private HttpResponse<String> get(String cluster, String promql)
      throws IOException, InterruptedException {
    String url =
        sim.prometheus().urlOf(cluster)
            + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
