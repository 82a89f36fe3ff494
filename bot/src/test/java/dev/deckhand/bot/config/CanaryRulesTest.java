package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's {@code canary:} section and {@code strategy: canary}. */
class CanaryRulesTest {
  @TempDir Path dir;

  private static String webWith(String lines) {
    return """

          web:
            image: acme/web
            targets:
              staging: {namespace: web, deployment: web}
        %s"""
        .formatted(lines.indent(4))
        .stripTrailing();
  }

  private ServiceSpec web(String lines) throws Exception {
    String yaml = CatalogYaml.valid().with("services", webWith(lines)).text();
    return new Loading(dir).load(yaml).catalog().services().get("web");
  }

  private List<String> problems(String lines) {
    return new Loading(dir)
        .problems(CatalogYaml.valid().with("services", webWith(lines)).text()).stream()
            .map(Object::toString)
            .toList();
  }

  @Test
  void theDefaultsAreFiveTwentyFiveFiftyHundredTwoMinutesAndNoGates() throws Exception {
    ServiceSpec web = web("strategy: canary\ncanary: {service: web}");
    assertThat(web.strategy()).isEqualTo(Strategy.CANARY);
    CanarySpec c = web.canarySpec().orElseThrow();
    assertThat(c.steps()).containsExactly(5, 25, 50, 100);
    assertThat(c.hold()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.route()).isEmpty();
    assertThat(c.gates()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    CanarySpec c =
        web("""
                canary:
                  service: web-svc
                  route: { http-route: web-route }
                  steps: [10, 50, 100]
                  hold: 5m
                  gates:
                    interval: 15s
                    failures: 3
                    window: 2m
                    min-requests: 200
                    error-rate: 0.5%
                    p99-latency: 150ms
                    queries:
                      requests: sum(increase(reqs{pod=~"{deployment}-.*"}[{window}]))""")
            .canarySpec()
            .orElseThrow();
    assertThat(c.service()).isEqualTo("web-svc");
    assertThat(c.route())
        .contains(new CanarySpec.Route(CanarySpec.RouteKind.HTTP_ROUTE, "web-route"));
    assertThat(c.steps()).containsExactly(10, 50, 100);
    assertThat(c.hold()).isEqualTo(Duration.ofMinutes(5));
    CanarySpec.Gates g = c.gates().orElseThrow();
    assertThat(g.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(g.failures()).isEqualTo(3);
    assertThat(g.window()).isEqualTo(Duration.ofMinutes(2));
    assertThat(g.minRequests()).isEqualTo(200);
    assertThat(g.maxErrorRateIncrease()).isEqualTo(0.005);
    assertThat(g.maxLatencyIncrease()).isEqualTo(Duration.ofMillis(150));
    assertThat(g.detection()).isEqualTo(Duration.ofSeconds(45));
    assertThat(g.queries().requests())
        .isEqualTo("sum(increase(reqs{pod=~\"{deployment}-.*\"}[{window}]))");
    assertThat(g.queries().errorRate()).isEqualTo(CanarySpec.Queries.DEFAULT.errorRate());
    assertThat(
            CanarySpec.Queries.render(
                g.queries().requests(), "shop", "web-canary", Duration.ofSeconds(90)))
        .isEqualTo("sum(increase(reqs{pod=~\"web-canary-.*\"}[90s]))");
    assertThat(web("canary: {service: web, gates: {}}").canarySpec().orElseThrow().gates())
        .isEqualTo(
            Optional.of(
                new CanarySpec.Gates(
                    Duration.ofSeconds(30),
                    2,
                    Duration.ofMinutes(1),
                    50,
                    0.01,
                    Duration.ofMillis(200),
                    CanarySpec.Queries.DEFAULT)));
  }

  @Test
  void badSectionsAreRefusedWithTheirLineAndWhatToWrite() {
    assertThat(problems("strategy: canary"))
        .singleElement()
        .asString()
        .startsWith("14: services.web.strategy:")
        .contains("strategy canary needs a canary section");
    assertThat(problems("canary: {service: web, steps: [5, 50]}"))
        .singleElement()
        .asString()
        .contains("the last step must be 100");
    assertThat(problems("canary: {service: web, steps: [50, 25, 100]}"))
        .singleElement()
        .asString()
        .contains("steps must rise: 25 comes after 50");
    assertThat(problems("canary: {service: web, route: {ingress-route: a, http-route: b}}"))
        .singleElement()
        .asString()
        .contains("name one route");
    assertThat(problems("canary: {service: web, route: {nginx: a}}"))
        .singleElement()
        .asString()
        .contains("nginx");
    assertThat(problems("canary: {service: web, gates: {error-rate: lots}}"))
        .singleElement()
        .asString()
        .contains("e.g. 1% or 0.01, got 'lots'");
    assertThat(problems("canary: {service: web, gates: {interval: 0s}}"))
        .singleElement()
        .asString()
        .contains("'0s' is not a duration");
    assertThat(problems("canary: {service: web, gates: {queries: {requests: \"sum(up)\"}}}"))
        .singleElement()
        .asString()
        .contains("must select one deployment's pods with {deployment}");
    assertThat(problems("canary: {service: Web_Svc}"))
        .singleElement()
        .asString()
        .contains("expected the name of a Kubernetes object");
  }
}
