package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A canary deploy in the demo, end to end against kube-sim and the demo's simulated Prometheus:
 * agent's {@code -errors} tag is aborted at the first gate, with the IngressRoute's weight of the
 * canary at 0, its pods scaled to 0 and the message quoting the value, the threshold and the query;
 * a good tag walks 5 → 25 → 50 → 100 and ends succeeded, with deployment adaptive-assessment on the
 * new digest, the route back on its Service alone and the canary gone. One story, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CanaryDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(150);
  private static final String NS = "az";
  private static final String STABLE = "adaptive-assessment";
  private static final String CANARY = "adaptive-assessment-canary";
  private static final String IMAGE = "synergygroup/adaptive-assessment";
  private static final ResourceDefinitionContext INGRESS_ROUTES =
      new ResourceDefinitionContext.Builder()
          .withGroup("traefik.io")
          .withVersion("v1alpha1")
          .withKind("IngressRoute")
          .withPlural("ingressroutes")
          .withNamespaced(true)
          .build();

  // The demo's catalog with 3 s holds instead of 6 s: the same story, quicker.
  @RegisterExtension
  static final DemoSession demo =
      DemoSession.of(
          PATIENCE,
          dir ->
              DemoSession.demoCatalog(
                  dir,
                  yaml -> {
                    String hold = "steps: [5, 25, 50, 100]\n      hold: 6s";
                    if (!yaml.contains(hold)) {
                      throw new IllegalStateException("agent's canary changed in demo.yaml");
                    }
                    return yaml.replace(hold, "steps: [5, 25, 50, 100]\n      hold: 3s");
                  }));

  /** The backends of the IngressRoute's rule: name → weight (absent: none written). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> backends() {
    GenericKubernetesResource route =
        demo.client("staging")
            .genericKubernetesResources(INGRESS_ROUTES)
            .inNamespace(NS)
            .withName(STABLE)
            .get();
    Map<String, Object> spec = (Map<String, Object>) route.getAdditionalProperties().get("spec");
    Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("routes")).get(0);
    return (List<Map<String, Object>>) rule.get("services");
  }

  @Test
  @Order(1)
  void anErroringCanaryIsAbortedAtTheFirstGateWithItsWeightAtZero() {
    String before = demo.image("staging", NS, STABLE);
    String marker = "deploy agent sha-d15ea5e-errors (canary)";

    demo.say("/deploy agent sha-d15ea5e --env staging");
    String last = demo.awaitFinal(marker);

    assertThat(last)
        .contains("— failed after")
        .contains("✓ send 5 % of the traffic to the canary")
        .contains("✗ hold 3 s at 5 %")
        .contains("error rate 25 % vs stable 0.2 % (+24.8 pp, at most +1 pp allowed)")
        .contains("the canary at 0 %");
    demo.awaitText("Query: sum(rate(http_requests_total{namespace=\"az\",pod=~\"" + CANARY);
    assertThat(backends())
        .containsExactly(
            Map.of("name", STABLE, "port", 80, "weight", 100),
            Map.of("name", "adaptive-assessment-canary", "port", 80, "weight", 0));
    assertThat(demo.deployment("staging", NS, CANARY).getSpec().getReplicas()).isZero();
    assertThat(demo.image("staging", NS, STABLE)).isEqualTo(before);
  }

  @Test
  @Order(2)
  void aGoodCanaryWalksEveryStepAndIsPromoted() {
    String marker = "deploy agent sha-7b4d0e9 (canary)";

    demo.say("/deploy agent sha-7b4d0e9 --env staging");
    String last = demo.awaitFinal(marker);

    assertThat(last)
        .contains("— succeeded after")
        .contains("✓ verify the canary's health before any traffic (1 check) — healthy")
        .contains("✓ send 5 % of the traffic to the canary")
        .contains("✓ send 25 % of the traffic to the canary")
        .contains("✓ send 50 % of the traffic to the canary")
        .contains("worst-case detection")
        .contains("✓ 100 %: adaptive-assessment gets sha-7b4d0e9")
        .contains("the canary is deleted");
    assertThat(demo.image("staging", NS, STABLE)).startsWith(IMAGE + ":sha-7b4d0e9@sha256:");
    assertThat(demo.deployment("staging", NS, CANARY)).isNull();
    assertThat(backends()).containsExactly(Map.of("name", STABLE, "port", 80));
    assertThat(demo.client("staging").services().inNamespace(NS).withName(CANARY).get()).isNull();
  }
}
