package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.commands.engine.Engine;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /apply} of the demo's bundle, end to end: files, fabric8 adapter, kube-sim, console. */
class ApplyDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

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
  void aDryRunShowsTheDiffThenApplyCreatesAndAnEditShowsTheChangedField() throws Exception {
    chat.accept("/apply coachpilot-edge --dry-run");
    await().atMost(PATIENCE).until(() -> transcript.contains("dry run: nothing was changed"));
    assertThat(transcript.text())
        .contains("+ ConfigMap/edge-settings (create)")
        .contains("+ Service/edge (create)");
    assertThat(client().configMaps().inNamespace("coachpilot").withName("edge-settings").get())
        .isNull();

    chat.accept("/apply coachpilot-edge");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client().configMaps().inNamespace("coachpilot").withName("edge-settings").get()
                        != null
                    && client().services().inNamespace("coachpilot").withName("edge").get()
                        != null);

    Path config = dir.resolve("manifests/coachpilot/10-edge-config.yaml");
    Files.writeString(
        config, Files.readString(config).replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
    chat.accept("/apply coachpilot-edge --dry-run");
    await().atMost(PATIENCE).until(() -> transcript.contains("data.LOG_LEVEL: info → debug"));
  }

  private static KubernetesClient client() {
    return world.sim().cluster("staging").client();
  }
}
