package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo section: settings and the tags per service. */
class DemoRulesTest {
  @TempDir Path dir;

  private static CatalogYaml withDemo(String demo) {
    return CatalogYaml.valid().with("demo", demo);
  }

  @Test
  void demoDefaults() throws Exception {
    LoadedConfig config = new Loading(dir).load(withDemo(" {}").text());

    assertThat(config.demo())
        .contains(
            new DemoSettings(
                3, Duration.ofSeconds(20), Duration.ofMillis(400), java.util.Map.of()));
  }

  @Test
  void noDemoSectionMeansNoDemo() throws Exception {
    assertThat(new Loading(dir).load(CatalogYaml.valid().text()).demo()).isEmpty();
  }

  @Test
  void tagsKeepTheirOrder() throws Exception {
    LoadedConfig config =
        new Loading(dir)
            .load(
                withDemo("\n  tags:\n    gateway: [v2, v10, v1]\n    dashboard: [latest]").text());

    assertThat(config.demo().orElseThrow().tagsOf("gateway")).containsExactly("v2", "v10", "v1");
    assertThat(config.demo().orElseThrow().tagsOf("dashboard")).containsExactly("latest");
    assertThat(config.demo().orElseThrow().tagsOf("quiz")).isEmpty();
  }

  @Test
  void tagsAreCheckedAgainstTheServiceAndTheTagGrammar() {
    CatalogYaml yaml =
        withDemo(
            """

              tags:
                gateway: [v1, v1, p10e-x, -bad, ""]
                coachpilot-gateway: [v1]
                gatway: [v1]
                dashboard: []
            """);

    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "23: demo.tags.gateway[1]: tag 'v1' is listed twice",
            "23: demo.tags.gateway[2]: 'p10e-x' does not match the tag-pattern of gateway (v\\d+),"
                + " so it could never be deployed",
            "23: demo.tags.gateway[3]: '-bad' is not a valid image tag: letters, digits, '_', '.'"
                + " and '-', not starting with '.' or '-', at most 128 characters",
            "23: demo.tags.gateway[4]: '' is not a valid image tag: letters, digits, '_', '.' and"
                + " '-', not starting with '.' or '-', at most 128 characters",
            "24: demo.tags.coachpilot-gateway: 'coachpilot-gateway' is an alias; use the service"
                + " name 'gateway'",
            "25: demo.tags.gatway: unknown service 'gatway' (did you mean 'gateway'?); services"
                + " are: gateway, dashboard",
            "26: demo.tags.dashboard: list at least one tag; the first one runs when the demo"
                + " starts");
  }

  @Test
  void demoSettingsAreRangeChecked() {
    CatalogYaml yaml =
        withDemo("\n  replicas: 21\n  progress-deadline: 1s\n  ready-delay: 2s\n  tick: 1s");

    assertThat(new Loading(dir).problems(yaml.text()))
        .containsExactly(
            "21: demo: ready-delay (2000ms) must be shorter than progress-deadline (1000ms), or"
                + " every simulated rollout times out",
            "22: demo.replicas: expected a whole number from 1 to 20, got '21'",
            "25: demo: unknown key 'tick'; expected one of: replicas, progress-deadline,"
                + " ready-delay, tags");
  }
}
