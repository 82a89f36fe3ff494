package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import dev.deckhand.commands.rollout.RolloutVerdict;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blue-green methods of {@link KubernetesClusters} against kube-sim: a Deployment copied under
 * a colour's name really rolls out (with the colour label in its selector and pod template), a
 * {@code -crash} copy never completes, a Service's selector gains and loses the colour key, and a
 * copy is deleted (twice without complaint).
 */
class BlueGreenIT {
  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(200));

  private static final String NS = "shop";
  private static final String KEY = "deckhand.dev/colour";
  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final AtomicInteger names = new AtomicInteger();

  private static Target seed() {
    String name = "web-" + names.incrementAndGet();
    kube.sim().seedDeployment(SimWorld.CLUSTER, NS, name, "web", "acme/web:1.0.0", 2);
    kube.k8s()
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .endSpec()
                .build())
        .create();
    return new Target(SimWorld.CLUSTER, NS, name, "web");
  }

  private static Target colour(Target t, String colour) {
    return new Target(t.cluster(), t.namespace(), t.deployment() + "-" + colour, t.container());
  }

  private static boolean complete(Target t, RolloutSnapshot s) {
    return RolloutVerdict.of(t.deployment(), s.status()) instanceof RolloutVerdict.Complete;
  }

  @Test
  void aCopyWithTheColourLabelRollsOutBesideTheOriginal() {
    Target blue = seed();
    Target green = colour(blue, "green");
    await().atMost(PATIENCE).until(() -> complete(blue, kube.clusters().read(blue)));
    assertThat(kube.clusters().find(green)).isEmpty();

    kube.clusters()
        .copyDeployment(blue, green.deployment(), Map.of(KEY, "green"), "acme/web:1.1.0", 3);

    await()
        .atMost(PATIENCE)
        .until(() -> kube.clusters().find(green).filter(s -> complete(green, s)).isPresent());
    RolloutSnapshot s = kube.clusters().read(green);
    assertThat(s.image()).isEqualTo("acme/web:1.1.0");
    assertThat(s.status().availableReplicas()).isEqualTo(3);
    Deployment d =
        kube.k8s().apps().deployments().inNamespace(NS).withName(green.deployment()).get();
    assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry(KEY, "green");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(KEY, "green");
    assertThat(kube.clusters().read(blue).image()).isEqualTo("acme/web:1.0.0");
    assertThat(kube.clusters().read(blue).status().availableReplicas()).isEqualTo(2);

    // again, as a resumed operation does: replaced in place, still one copy rolled out
    kube.clusters()
        .copyDeployment(blue, green.deployment(), Map.of(KEY, "green"), "acme/web:1.1.0", 3);
    await().atMost(PATIENCE).until(() -> complete(green, kube.clusters().read(green)));
    assertThat(kube.clusters().read(green).image()).isEqualTo("acme/web:1.1.0");
  }

  @Test
  void aCrashingCopyNeverCompletesAndIsDeleted() {
    Target blue = seed();
    Target green = colour(blue, "green");
    kube.clusters()
        .copyDeployment(blue, green.deployment(), Map.of(KEY, "green"), "acme/web:1.1.0-crash", 2);
    await()
        .atMost(PATIENCE)
        .until(() -> kube.clusters().find(green).map(s -> !s.problems().isEmpty()).orElse(false));
    assertThat(complete(green, kube.clusters().read(green))).isFalse();

    kube.clusters().deleteDeployment(green);
    kube.clusters().deleteDeployment(green);

    await().atMost(PATIENCE).until(() -> kube.clusters().find(green).isEmpty());
  }

  @Test
  void theSelectorGainsAndLosesTheColourKey() {
    Target blue = seed();
    String service = blue.deployment();
    assertThat(kube.clusters().serviceSelector(blue, service)).isEqualTo(Map.of("app", service));

    kube.clusters().setServiceSelector(blue, service, KEY, "green");
    kube.clusters().setServiceSelector(blue, service, KEY, "green");
    assertThat(kube.clusters().serviceSelector(blue, service))
        .isEqualTo(Map.of("app", service, KEY, "green"));

    kube.clusters().setServiceSelector(blue, service, KEY, null);
    kube.clusters().setServiceSelector(blue, service, KEY, null);
    assertThat(kube.clusters().serviceSelector(blue, service)).isEqualTo(Map.of("app", service));
  }

  @Test
  void aMissingServiceOrSourceIsAClusterException() {
    Target blue = seed();
    assertThatThrownBy(() -> kube.clusters().serviceSelector(blue, "nowhere"))
        .isInstanceOf(ClusterException.class)
        .hasMessage("service shop/nowhere in cluster staging not found");
    assertThatThrownBy(
            () ->
                kube.clusters()
                    .copyDeployment(
                        colour(blue, "nothing"), "x", Map.of(KEY, "green"), "acme/web:1", 1))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("not found");
  }
}
