package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A blue-green deploy in the demo, end to end against kube-sim: a {@code -crash} tag never gets
 * traffic and its colour is deleted; a good tag runs as {@code dashboard-green} and Service
 * dashboard's selector switches to it only after its pods are ready; {@code /switch-back} restores
 * blue; {@code /finish} scales green down; then nothing is left to switch back to. One story, in
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlueGreenDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String NS = "coachpilot";
  private static final String KEY = "deckhand.dev/colour";
  private static final String IMAGE = "synergygroup/coachpilot-dashboard";

  @RegisterExtension static final DemoSession demo = DemoSession.demo(PATIENCE);

  private static Map<String, String> selector() {
    return demo.client("staging")
        .services()
        .inNamespace(NS)
        .withName("dashboard")
        .get()
        .getSpec()
        .getSelector();
  }

  private static Deployment green() {
    return demo.deployment("staging", NS, "dashboard-green");
  }

  @Test
  @Order(1)
  void aCrashingTagNeverReceivesTrafficAndItsColourIsDeleted() {
    String before = demo.image("staging", NS, "dashboard");
    String marker = "deploy dashboard p10e-dash-20260520-crash (blue-green)";

    demo.say("/deploy dashboard p10e-dash-20260520 --strategy blue-green --env staging");
    String last = demo.awaitFinal(marker);

    assertThat(last).contains("— failed after").contains("deleted dashboard-green");
    assertThat(selector()).isEqualTo(Map.of("app", "dashboard"));
    assertThat(green()).isNull();
    assertThat(demo.image("staging", NS, "dashboard")).isEqualTo(before);
  }

  @Test
  @Order(2)
  void aGoodTagRunsAsGreenAndTheSelectorSwitchesToIt() {
    String before = demo.image("staging", NS, "dashboard");
    String marker = "deploy dashboard p10e-dash-20260519-brand-fields (blue-green)";

    demo.say("/deploy dashboard p10e-dash-20260519 --strategy blue-green --env staging");
    String last = demo.awaitFinal(marker);

    assertThat(last).contains("— succeeded after").contains("traffic on green (dashboard-green)");
    assertThat(selector()).containsEntry(KEY, "green").containsEntry("app", "dashboard");
    assertThat(demo.image("staging", NS, "dashboard-green"))
        .startsWith(IMAGE + ":p10e-dash-20260519-brand-fields@sha256:");
    assertThat(green().getStatus().getReadyReplicas()).isEqualTo(green().getSpec().getReplicas());
    assertThat(demo.image("staging", NS, "dashboard")).isEqualTo(before);
    assertThat(demo.deployment("staging", NS, "dashboard").getSpec().getReplicas()).isPositive();
  }

  @Test
  @Order(3)
  void switchBackRestoresBlue() {
    demo.say("/switch-back dashboard --env staging");
    assertThat(demo.awaitFinal("switch-back dashboard")).contains("— succeeded after");
    assertThat(selector()).isEqualTo(Map.of("app", "dashboard"));
  }

  @Test
  @Order(4)
  void finishScalesTheOtherColourDownAndNothingIsLeftToSwitchBackTo() {
    demo.say("/finish dashboard --env staging");
    assertThat(demo.awaitFinal("finish dashboard")).contains("— succeeded after");
    assertThat(green().getSpec().getReplicas()).isZero();
    assertThat(selector()).isEqualTo(Map.of("app", "dashboard"));

    demo.say("/switch-back dashboard --env staging");
    demo.awaitText("nothing to switch back to");
  }
}
