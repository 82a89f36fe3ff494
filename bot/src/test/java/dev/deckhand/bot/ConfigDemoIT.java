package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.commands.engine.Engine;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /config-update} and {@code /secret-update} in the demo, end to end: the catalog's files,
 * the ConfigMap seeded at start, the fabric8 adapter on kube-sim, embedded PostgreSQL, the console.
 */
class ConfigDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String TOKEN = "rotated-demo-token-7";

  @TempDir static Path dir;
  static DemoWorld world;
  static Transcript transcript;
  static ConsoleChat chat;

  @BeforeAll
  static void start() throws Exception {
    Path catalog = dir.resolve("demo.yaml");
    Files.copy(Path.of("..", "config", "demo.yaml"), catalog);
    DemoFiles.copyTo(dir);
    transcript = new Transcript();
    world =
        DemoWorld.start(
            new CatalogLoader(SecretResolver.standard(Map.of())),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            transcript.out());
    world.runtime().start();
    chat = world.runtime().console();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void anEditedEnvFileShowsItsDiffAppliesTheConfigMapAndRestartsThePods() throws Exception {
    assertThat(configMap()).containsEntry("LOG_LEVEL", "info");
    chat.accept("/config-update gateway --env staging");
    await().atMost(PATIENCE).until(() -> transcript.contains("nothing to do"));

    Path env = dir.resolve("gateway.staging.env");
    Files.writeString(
        env,
        Files.readString(env)
            .replace("LOG_LEVEL=info", "LOG_LEVEL=debug")
            .replace("SESSION_SECRET=demo-session-secret-1", "SESSION_SECRET=changed-secret-2"));
    chat.accept("/config-update gateway --env staging");
    String last = awaitFinal("config-update gateway · staging");

    assertThat(last)
        .contains("— succeeded after")
        .contains(
            "0 added, 2 changed, 0 removed: ~ LOG_LEVEL: info → debug; ~ SESSION_SECRET (sha256:")
        .contains("✓ restart the pods of coachpilot-gateway");
    assertThat(transcript.text()).doesNotContain("changed-secret-2");
    assertThat(configMap())
        .containsEntry("LOG_LEVEL", "debug")
        .containsEntry("SESSION_SECRET", "changed-secret-2");
    Deployment d =
        client()
            .apps()
            .deployments()
            .inNamespace("coachpilot")
            .withName("coachpilot-gateway")
            .get();
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
  }

  @Test
  void aSecretKeyIsSetFromItsFileAndItsValueIsNeverShown() throws Exception {
    Files.writeString(dir.resolve("demo-secrets/gateway-api-token"), TOKEN + "\n");
    chat.accept("/secret-update gateway API_TOKEN --env staging");
    String last = awaitFinal("secret-update API_TOKEN of gateway · staging");

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
    chat.accept("/audit gateway");
    await().atMost(PATIENCE).until(() -> transcript.contains("Audit trail of gateway"));
    assertThat(transcript.text()).doesNotContain(TOKEN);
  }

  private static Map<String, String> configMap() {
    return client().configMaps().inNamespace("coachpilot").withName("gateway-env").get().getData();
  }

  private static KubernetesClient client() {
    return world.sim().cluster("staging").client();
  }

  private static String awaitFinal(String marker) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              String m = transcript.lastMessageContaining(marker);
              return m.contains("succeeded after") || m.contains("failed after");
            });
    return transcript.lastMessageContaining(marker);
  }
}
