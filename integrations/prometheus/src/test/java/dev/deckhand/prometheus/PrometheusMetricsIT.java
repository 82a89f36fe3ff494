package dev.deckhand.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.MetricsException;
import dev.deckhand.prometheus.FakePrometheus.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsIT {
  private static final String TOKEN = "s3cr3t-token-value";
  private static final String ERRORS =
      "sum(rate(http_requests_total{namespace=\"shop\",pod=~\"web-[a-z0-9]+-[a-z0-9]+\","
          + "code=~\"5..\"}[1m])) / sum(rate(http_requests_total{namespace=\"shop\"}[1m]))";

  private FakePrometheus prometheus;
  private ExecutorService io;

  @BeforeEach
  void start() throws IOException {
    prometheus = new FakePrometheus();
    io = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    prometheus.close();
    io.shutdownNow();
  }

  private PrometheusMetrics metrics() {
    return metrics(prometheus.baseUrl(), Duration.ofSeconds(10));
  }

  private PrometheusMetrics metrics(String base, Duration timeout) {
    return new PrometheusMetrics(base, timeout, Optional.of(TOKEN), io);
  }

  private MetricsException failure(PrometheusMetrics metrics, String promql) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> metrics.query("prod", promql));
    assertThat(thrown).isInstanceOf(MetricsException.class);
    assertThat(thrown.getMessage()).doesNotContain(TOKEN);
    return (MetricsException) thrown;
  }

  @Test
  void aOneSeriesVectorIsItsValue() {
    prometheus.script("up", Answer.ok(FakePrometheus.vector("{\"job\":\"web\"}", "0.002")));
    assertThat(metrics().query("prod", "up")).hasValue(0.002);
    FakePrometheus.Request request = prometheus.requests.get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/v1/query");
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aScalarIsItsValue() {
    prometheus.script(
        "scalar(up)",
        Answer.ok(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[1733450000.5,\"1.5\"]}}"));
    assertThat(metrics().query("prod", "scalar(up)")).hasValue(1.5);
  }

  @Test
  void noSampleNaNAndInfinitiesAreEmpty() {
    prometheus.script(
        "empty",
        Answer.ok("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    prometheus.script("nan", Answer.ok(FakePrometheus.vector("{}", "NaN")));
    prometheus.script("inf", Answer.ok(FakePrometheus.vector("{}", "+Inf")));
    prometheus.script("-inf", Answer.ok(FakePrometheus.vector("{}", "-Inf")));
    PrometheusMetrics metrics = metrics();
    assertThat(metrics.query("prod", "empty")).isEqualTo(OptionalDouble.empty());
    assertThat(metrics.query("prod", "nan")).isEqualTo(OptionalDouble.empty());
    assertThat(metrics.query("prod", "inf")).isEqualTo(OptionalDouble.empty());
    assertThat(metrics.query("prod", "-inf")).isEqualTo(OptionalDouble.empty());
  }

  @Test
  void twoSeriesAskForAnAggregation() {
    prometheus.script(
        "rate(x[1m])",
        Answer.ok(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"pod\":\"web-1\"},\"value\":[1.0,\"1\"]},"
                + "{\"metric\":{\"pod\":\"web-2\"},\"value\":[1.0,\"2\"]},"
                + "{\"metric\":{\"pod\":\"web-3\"},\"value\":[1.0,\"3\"]}]}}"));
    assertThat(failure(metrics(), "rate(x[1m])").getMessage())
        .contains("3 series", "{pod=\"web-1\"}", "{pod=\"web-2\"}", "aggregate it, e.g. sum(...)")
        .doesNotContain("web-3");
  }

  @Test
  void aRangeResultAsksForAnInstantQuery() {
    prometheus.script(
        "x[1m]",
        Answer.ok(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{},\"values\":[[1.0,\"1\"],[2.0,\"2\"]]}]}}"));
    assertThat(failure(metrics(), "x[1m]").getMessage())
        .contains("matrix", "write an instant query");
  }

  @Test
  void badDataIsQuotedWithItsType() {
    prometheus.script(
        "sum(",
        new Answer(
            400,
            FakePrometheus.error("bad_data", "1:5: parse error: unclosed left parenthesis"),
            java.util.Map.of(),
            Duration.ZERO));
    assertThat(failure(metrics(), "sum(").getMessage())
        .contains("bad_data: 1:5: parse error: unclosed left parenthesis", "fix the query");
  }

  @Test
  void anExecutionErrorIsQuotedWithItsType() {
    prometheus.script(
        "huge",
        new Answer(
            422,
            FakePrometheus.error(
                "execution", "query processing would load too many samples into memory"),
            java.util.Map.of(),
            Duration.ZERO));
    assertThat(failure(metrics(), "huge").getMessage())
        .contains("execution: query processing would load too many samples");
  }

  @Test
  void tooManyRequestsNamesRetryAfter() {
    prometheus.script(
        "up",
        new Answer(429, "", java.util.Map.of(), Duration.ZERO).withHeader("Retry-After", "7"));
    assertThat(failure(metrics(), "up").getMessage())
        .contains("HTTP 429", "Retry-After: 7 s", "try again later");
    assertThat(prometheus.requests).hasSize(1);
  }

  @Test
  void unavailableIsReportedOnce() {
    prometheus.script(
        "up",
        new Answer(
            503,
            FakePrometheus.error("unavailable", "TSDB not ready"),
            java.util.Map.of(),
            Duration.ZERO));
    assertThat(failure(metrics(), "up").getMessage())
        .contains("HTTP 503", "TSDB not ready")
        .doesNotContain("Retry-After");
    assertThat(prometheus.requests).hasSize(1);
  }

  @Test
  void aSlowAnswerTimesOut() {
    prometheus.script(
        "up", Answer.ok(FakePrometheus.vector("{}", "1")).after(Duration.ofSeconds(30)));
    PrometheusMetrics metrics = metrics(prometheus.baseUrl(), Duration.ofMillis(300));
    assertThat(failure(metrics, "up").getMessage())
        .contains(
            prometheus.baseUrl() + "/api/v1/query",
            "did not answer within 300 ms",
            "prometheus.timeout");
  }

  @Test
  void aClosedPortIsNamed() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    assertThat(failure(metrics(base, Duration.ofSeconds(5)), "up").getMessage())
        .contains("cannot reach Prometheus at " + base + "/api/v1/query", "prometheus.url");
  }

  @Test
  void aBodyThatIsNotJsonIsReported() {
    prometheus.script(
        "up", new Answer(200, "<html>Grafana</html>", java.util.Map.of(), Duration.ZERO));
    assertThat(failure(metrics(), "up").getMessage())
        .contains("not JSON", "<html>Grafana</html>", "without /api/v1");
  }

  @Test
  void theTokenIsSentButNeverShown() {
    prometheus.script("up", new Answer(401, "", java.util.Map.of(), Duration.ZERO));
    MetricsException e = failure(metrics(), "up");
    assertThat(e.getMessage()).contains("HTTP 401", "prometheus.token");
    assertThat(prometheus.requests.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(metrics().source()).doesNotContain(TOKEN);
    assertThat(metrics().toString()).doesNotContain(TOKEN);
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() {
    prometheus.script("up", Answer.ok(FakePrometheus.vector("{}", "1")));
    assertThat(new PrometheusMetrics(prometheus.baseUrl(), io).query("prod", "up")).hasValue(1);
    assertThat(prometheus.requests.get(0).authorization()).isNull();
  }

  @Test
  void theClusterIsSubstitutedEncoded() {
    prometheus.script("up", Answer.ok(FakePrometheus.vector("{}", "1")));
    PrometheusMetrics metrics =
        metrics(prometheus.baseUrl() + "/{cluster}/", Duration.ofSeconds(10));
    assertThat(metrics.source()).isEqualTo(prometheus.baseUrl() + "/{cluster}");
    assertThat(metrics.query("eu west", "up")).hasValue(1);
    assertThat(metrics.query("prod", "up")).hasValue(1);
    assertThat(prometheus.requests)
        .extracting(FakePrometheus.Request::path)
        .containsExactly("/eu%20west/api/v1/query", "/prod/api/v1/query");
  }

  @Test
  void theQueryIsEncoded() {
    prometheus.script(ERRORS, Answer.ok(FakePrometheus.vector("{}", "0.25")));
    assertThat(metrics().query("prod", ERRORS)).hasValue(0.25);
    FakePrometheus.Request request = prometheus.requests.get(0);
    assertThat(request.promql()).isEqualTo(ERRORS);
    assertThat(request.rawQuery())
        .startsWith("query=sum%28rate%28http_requests_total%7Bnamespace%3D%22shop%22")
        .contains("pod%3D%7E%22web-%5Ba-z0-9%5D%2B", "%2F", "%5B1m%5D")
        .doesNotContain("{", "\"", " ", "=~");
  }

  @Test
  void aBadBaseUrlIsRefused() {
    assertThatThrownBy(() -> new PrometheusMetrics("prometheus:9090", io))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> new PrometheusMetrics("http://p/{namespace}", io))
        .hasMessageContaining("{namespace}");
    assertThatThrownBy(() -> new PrometheusMetrics("http://u:pw@p:9090", io))
        .hasMessageNotContaining("pw")
        .hasMessageContaining("bearer token");
  }
}
