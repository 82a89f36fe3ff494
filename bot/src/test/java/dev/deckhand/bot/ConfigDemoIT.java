package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /config-update} and {@code /secret-update} in the demo, end to end: the catalog's files,
 * the ConfigMap seeded at start, the fabric8 adapter on kube-sim, embedded PostgreSQL, the console.
 */
class ConfigDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String TOKEN = "rotated-demo-token-7";

  @RegisterExtension static final DemoSession demo = DemoSession.demo(PATIENCE);

  @Test
  void anEditedEnvFileShowsItsDiffAppliesTheConfigMapAndRestartsThePods() throws Exception {
    assertThat(configMap()).containsEntry("LOG_LEVEL", "info");
    demo.say("/config-update gateway --env staging");
    demo.awaitText("nothing to do");

    Path env = demo.dir().resolve("gateway.staging.env");
    Files.writeString(
        env,
        Files.readString(env)
            .replace("LOG_LEVEL=info", "LOG_LEVEL=debug")
            .replace("SESSION_SECRET=demo-session-secret-1", "SESSION_SECRET=changed-secret-2"));
    demo.say("/config-update gateway --env staging");
    String last = demo.awaitFinal("config-update gateway · staging");

    assertThat(last)
        .contains("— succeeded after")
        .contains(
            "0 added, 2 changed, 0 removed: ~ LOG_LEVEL: info → debug; ~ SESSION_SECRET (sha256:")
        .contains("✓ restart the pods of coachpilot-gateway");
    assertThat(demo.transcript().text()).doesNotContain("changed-secret-2");
    assertThat(configMap())
        .containsEntry("LOG_LEVEL", "debug")
        .containsEntry("SESSION_SECRET", "changed-secret-2");
    Deployment d = demo.deployment("staging", "coachpilot", "coachpilot-gateway");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
  }

  @Test
  void aSecretKeyIsSetFromItsFileAndItsValueIsNeverShown() throws Exception {
    Files.writeString(demo.dir().resolve("demo-secrets/gateway-api-token"), TOKEN + "\n");
    demo.say("/secret-update gateway API_TOKEN --env staging");
    String last = demo.awaitFinal("secret-update API_TOKEN of gateway · staging");

    assertThat(last).contains("— succeeded after").contains("API_TOKEN (new → sha256:");
    String stored =
        client()
            .secrets()
            .inNamespace("coachpilot")
            .withName("gateway-secrets")
            .get()
            .getData()
            .get("API_TOKEN");
    assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8))
        .isEqualTo(TOKEN);
    demo.say("/audit gateway");
    demo.awaitText("Audit trail of gateway");
    assertThat(demo.transcript().text()).doesNotContain(TOKEN);
  }

  private static Map<String, String> configMap() {
    return client().configMaps().inNamespace("coachpilot").withName("gateway-env").get().getData();
  }

  private static KubernetesClient client() {
    return demo.client("staging");
  }
}
