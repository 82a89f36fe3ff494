package dev.deckhand.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.bot.LoopbackHttp;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.ports.HealthProbe;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpHealthProbeIT {
  private final HttpHealthProbe probe =
      new HttpHealthProbe(Duration.ofSeconds(2), ForkJoinPool.commonPool());

  @RegisterExtension
  final LoopbackHttp server =
      new LoopbackHttp(
          s -> {
            s.answer("/ok", 200, "{\"status\":\"ok\",\"version\":\"1.2\",\"brand\":{\"x\":1}}");
            s.answer("/down", 503, "{\"status\":\"degraded\"}");
            s.answer("/old", 200, "{\"status\":\"ok\",\"version\":\"1.1\"}");
            s.answer(
                "/deep",
                200,
                "{\"status\":\"ok\",\"checks\":{\"db\":{\"status\":\"down\"},\"cache\":{\"status\":\"up\"}},"
                    + "\"replicas\":[{\"id\":\"a\"},{\"id\":\"b\"}]}");
            s.answer("/text", 200, "OK");
            s.stall("/slow", Duration.ofMillis(3000));
            s.answerAfter(Duration.ofMillis(400), "/slowish", 200, "{}");
          });

  @Test
  void healthyWhenStatusAndFieldsMatch() {
    assertThat(check("/ok", 200, Map.of("status", "ok", "version", "1.2", "brand", "*")))
        .isEqualTo(new HealthProbe.Result(true, "answered 200"));
  }

  @Test
  void unhealthyOnTheWrongStatus() {
    assertThat(check("/down", 200, Map.of()).detail()).isEqualTo("answered 503, expected 200");
  }

  @Test
  void unhealthyOnAWrongOrMissingField() {
    assertThat(check("/old", 200, Map.of("version", "1.2")).detail())
        .isEqualTo("field 'version' is '1.1', expected '1.2'");
    assertThat(check("/old", 200, Map.of("brand", "*")).detail())
        .isEqualTo("no field 'brand' in the answer");
  }

  @Test
  void unhealthyWhenUnreachableOrTooSlow() throws IOException {
    int closed = LoopbackHttp.closedPort();
    HealthProbe.Result refused =
        probe.check(
            new HealthCheck(
                URI.create("http://127.0.0.1:" + closed + "/health"),
                200,
                Duration.ofSeconds(1),
                1,
                Map.of()));
    assertThat(refused.healthy()).isFalse();
    assertThat(refused.detail()).startsWith("unreachable");
    HealthProbe.Result slow =
        probe.check(new HealthCheck(url("/slow"), 200, Duration.ofMillis(300), 1, Map.of()));
    assertThat(slow.healthy()).isFalse();
    assertThat(slow.detail()).contains("unreachable").contains("Timeout");
  }

  @Test
  void aDottedPathIsFollowedFromTheTopThroughObjectsAndArrays() {
    assertThat(check("/deep", 200, Map.of("checks.cache.status", "up", "replicas.1.id", "b")))
        .isEqualTo(new HealthProbe.Result(true, "answered 200"));
    // A plain name is the first field of that name anywhere; the path tells the two apart.
    assertThat(check("/deep", 200, Map.of("checks.db.status", "up")).detail())
        .isEqualTo("field 'checks.db.status' is 'down', expected 'up'");
    assertThat(check("/deep", 200, Map.of("checks.queue.status", "*")).detail())
        .isEqualTo("no field 'checks.queue.status' in the answer");
    assertThat(check("/deep", 200, Map.of("replicas.5.id", "*")).detail())
        .isEqualTo("no field 'replicas.5.id' in the answer");
    assertThat(check("/deep", 200, Map.of("checks.db", "*")).healthy()).isTrue();
    assertThat(check("/text", 200, Map.of("checks.db.status", "up")).detail())
        .isEqualTo("the answer is not JSON, so it has no 'checks.db.status'");
  }

  @Test
  void anAnswerSlowerThanTheLatencyBoundFails() {
    HealthProbe.Result slow =
        probe.check(
            new HealthCheck(
                url("/slowish"),
                200,
                Duration.ofSeconds(5),
                1,
                Map.of(),
                1,
                Duration.ofMillis(50)));
    assertThat(slow.healthy()).isFalse();
    assertThat(slow.detail()).matches("answered in \\d+ ms, more than the 50 ms allowed");
    HealthProbe.Result roomy =
        probe.check(
            new HealthCheck(
                url("/ok"), 200, Duration.ofSeconds(5), 1, Map.of(), 1, Duration.ofSeconds(30)));
    assertThat(roomy.healthy()).isTrue();
  }

  private HealthProbe.Result check(String path, int status, Map<String, String> json) {
    return probe.check(new HealthCheck(url(path), status, Duration.ofSeconds(2), 1, json));
  }

  private URI url(String path) {
    return server.url(path);
  }
}
