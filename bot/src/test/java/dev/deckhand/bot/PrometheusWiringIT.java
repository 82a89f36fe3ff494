package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.ports.Metrics;
import dev.deckhand.commands.ports.MetricsException;
import dev.deckhand.kubesim.KubeSim;
import dev.deckhand.kubesim.SimOptions;
import dev.deckhand.kubesim.SimPrometheus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The demo catalog's {@code prometheus:} reaches the simulated Prometheus through the adapter the
 * runtime builds: the canary gates' error-rate query names the cluster, and the answer follows the
 * live Deployment.
 */
class PrometheusWiringIT {
  private static final String ERROR_RATE =
      CanarySpec.Queries.render(
          CanarySpec.Queries.DEFAULT.errorRate(), "coachpilot", "gateway", Duration.ofMinutes(1));

  @Test
  void theDemoCatalogQueriesTheSimulatedPrometheusPerCluster() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor();
    try (KubeSim sim =
        KubeSim.start(
            List.of("staging", "prod"),
            SimOptions.defaults().withPodReadyDelay(Duration.ofMillis(100)))) {
      sim.registry().addTags("acme/gateway", "1.0.0");
      sim.seedDeployment(
          "staging",
          "coachpilot",
          "gateway",
          "gateway",
          sim.registry().host() + "/acme/gateway:1.0.0",
          1);
      LoadedConfig config =
          new CatalogLoader(SecretResolver.standard(Map.of()))
              .load(
                  Path.of("..", "config", "demo.yaml"),
                  Map.of(
                      DemoWorld.SIM_REGISTRY,
                      sim.registry().baseUrl(),
                      DemoWorld.SIM_HEALTH,
                      sim.health().baseUrl(),
                      DemoWorld.SIM_PROMETHEUS,
                      sim.prometheus().baseUrl()));

      Metrics metrics = Runtime.metrics(config, io);

      assertThat(metrics.source()).isEqualTo(sim.prometheus().baseUrl() + "/{cluster}");
      assertThat(metrics.query("staging", ERROR_RATE)).hasValue(SimPrometheus.HEALTHY_ERROR_RATIO);
      assertThat(metrics.query("prod", ERROR_RATE)).isEmpty();
      assertThatThrownBy(() -> metrics.query("staging", "up"))
          .isInstanceOf(MetricsException.class)
          .hasMessageContaining("bad_data");
    } finally {
      io.shutdownNow();
    }
  }
}
