package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level {@code prometheus:} that canary gates query. */
class PrometheusRulesTest {
  @TempDir Path dir;

  private Loading loading() {
    return new Loading(dir).environment(Map.of("PROM_TOKEN", "t0ken-value"));
  }

  private static String with(String prometheus) {
    return CatalogYaml.valid().with("prometheus", prometheus).text();
  }

  @Test
  void absentMeansNoSource() throws Exception {
    assertThat(loading().load(CatalogYaml.valid().text()).prometheus()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    LoadedConfig config =
        loading()
            .load(
                with(
                    " {url: \"https://prometheus.{cluster}.internal:9090/\", timeout: 3s,"
                        + " token: \"env:PROM_TOKEN\"}"));

    PrometheusSettings settings = config.prometheus().orElseThrow();
    assertThat(settings.url()).isEqualTo("https://prometheus.{cluster}.internal:9090");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.token()).contains("t0ken-value");
    assertThat(settings.toString()).doesNotContain("t0ken-value");
    assertThat(config.secretValues()).contains("t0ken-value");
  }

  @Test
  void theTimeoutDefaultsToTenSecondsAndTheTokenToNone() throws Exception {
    PrometheusSettings settings =
        loading().load(with(" {url: \"http://127.0.0.1:9090/{cluster}\"}")).prometheus().get();
    assertThat(settings)
        .isEqualTo(
            new PrometheusSettings(
                "http://127.0.0.1:9090/{cluster}", Duration.ofSeconds(10), Optional.empty()));
  }

  @Test
  void theUrlMustBeHttpWithAHost() {
    assertThat(loading().problems(with(" {url: \"prometheus:9090\"}")))
        .containsExactly(
            "21: prometheus.url: 'prometheus:9090' is not an absolute http(s) URL like"
                + " https://host/path");
    assertThat(loading().problems(with(" {url: \"ftp://prometheus/\"}")))
        .singleElement()
        .asString()
        .contains("is not an absolute http(s) URL");
    assertThat(loading().problems(with(" {timeout: 5s}")))
        .containsExactly(
            "21: prometheus.url: required; e.g. url: http://prometheus.monitoring:9090");
  }

  @Test
  void theUrlIsTheBaseWithoutApiOrCredentials() {
    assertThat(loading().problems(with(" {url: \"http://prometheus:9090/api/v1/query\"}")))
        .containsExactly(
            "21: prometheus.url: give the server's base URL, without /api/v1; Deckhand adds"
                + " /api/v1/query itself");
    assertThat(loading().problems(with(" {url: \"http://admin:pw0rd@prometheus:9090\"}")))
        .singleElement()
        .asString()
        .contains("put no credentials in the URL")
        .doesNotContain("pw0rd");
  }

  @Test
  void clusterIsTheOnlyPlaceholder() {
    assertThat(loading().problems(with(" {url: \"http://prometheus.{namespace}:9090\"}")))
        .containsExactly(
            "21: prometheus.url: unknown placeholder {namespace}; the only one is {cluster}, e.g."
                + " http://prometheus.{cluster}.internal:9090");
  }

  @Test
  void unknownKeysAndBadValuesAreRefused() {
    assertThat(loading().problems(with(" {url: \"http://p:9090\", timout: 5s}")))
        .containsExactly(
            "21: prometheus: unknown key 'timout'; expected one of: url, timeout, token");
    assertThat(loading().problems(with(" {url: \"http://p:9090\", timeout: soon}")))
        .containsExactly(
            "21: prometheus.timeout: 'soon' is not a duration; write e.g. 400ms, 5s, 2m or 2h");
    assertThat(loading().problems(with(" {url: \"http://p:9090\", token: t0ken-inline}")))
        .containsExactly(
            "21: prometheus.token: write secrets as env:NAME or file:/path, never inline");
  }
}
