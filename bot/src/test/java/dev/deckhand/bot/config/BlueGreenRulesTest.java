package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import dev.deckhand.commands.model.Target;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's {@code strategy:} and {@code blue-green:}. */
class BlueGreenRulesTest {
  @TempDir Path dir;

  private static String webWith(String lines) {
    return """

          gateway:
            image: acme/gateway
            targets:
              staging: {namespace: web, deployment: gateway-deploy, container: gateway}
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

  @Test
  void aServiceIsRollingWithoutASection() throws Exception {
    ServiceSpec web = web("");
    assertThat(web.strategy()).isEqualTo(Strategy.ROLLING);
    assertThat(web.blueGreenSpec()).isEmpty();
  }

  @Test
  void theSectionAndTheStrategyAreRead() throws Exception {
    ServiceSpec web = web("strategy: blue-green\nblue-green: {service: web-svc, hold: 45m}");
    assertThat(web.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(web.blueGreenSpec()).contains(new BlueGreenSpec("web-svc", Duration.ofMinutes(45)));
  }

  @Test
  void aChecksServiceIsTheBlueGreenServiceElseTheDeploymentAndItsTemplateIsKept() throws Exception {
    String check = "verify: [{http: \"http://{service}.{namespace}/{deployment}/health\"}]";
    ServiceSpec web = web(check + "\nblue-green: {service: web-svc}");
    HealthCheck live = web.checks("staging").get(0);
    assertThat(live.url()).hasToString("http://web-svc.web/web/health");
    assertThat(live.template()).isEqualTo("http://{service}.{namespace}/{deployment}/health");
    assertThat(live.names("deployment")).isTrue();
    assertThat(
            live.at("staging", new Target("staging", "web", "web-green", "web"), "web-svc").url())
        .hasToString("http://web-svc.web/web-green/health");

    assertThat(web(check).checks("staging").get(0).url()).hasToString("http://web.web/web/health");
  }

  @Test
  void theHoldDefaultsToThirtyMinutes() throws Exception {
    assertThat(web("blue-green: {service: web}").blueGreenSpec().orElseThrow().hold())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void blueGreenWithoutASectionAnUnknownStrategyAndABadNameAreRefusedWithTheirLine() {
    assertThat(
            new Loading(dir)
                .problems(
                    CatalogYaml.valid().with("services", webWith("strategy: blue-green")).text()))
        .singleElement()
        .asString()
        .contains("strategy blue-green needs a blue-green section")
        .startsWith("18: services.web.strategy:");
    assertThat(
            new Loading(dir)
                .problems(
                    CatalogYaml.valid().with("services", webWith("strategy: dark-launch")).text()))
        .singleElement()
        .asString()
        .contains("expected rolling, blue-green or canary");
    assertThat(
            new Loading(dir)
                .problems(
                    CatalogYaml.valid()
                        .with("services", webWith("blue-green: {service: Web_Svc}"))
                        .text()))
        .singleElement()
        .asString()
        .contains("expected the name of a Kubernetes Service");
  }
}
