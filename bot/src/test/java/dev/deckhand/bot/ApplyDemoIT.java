package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /apply} of the demo's bundle, end to end: files, fabric8 adapter, kube-sim, console. */
class ApplyDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final DemoSession demo = DemoSession.demo(PATIENCE);

  @Test
  void aDryRunShowsTheDiffThenApplyCreatesAndAnEditShowsTheChangedField() throws Exception {
    demo.say("/apply coachpilot-edge --dry-run");
    demo.awaitText("dry run: nothing was changed");
    assertThat(demo.transcript().text())
        .contains("+ ConfigMap/edge-settings (create)")
        .contains("+ Service/edge (create)");
    assertThat(client().configMaps().inNamespace("coachpilot").withName("edge-settings").get())
        .isNull();

    demo.say("/apply coachpilot-edge");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client().configMaps().inNamespace("coachpilot").withName("edge-settings").get()
                        != null
                    && client().services().inNamespace("coachpilot").withName("edge").get()
                        != null);

    Path config = demo.dir().resolve("manifests/coachpilot/10-edge-config.yaml");
    Files.writeString(
        config, Files.readString(config).replace("LOG_LEVEL: info", "LOG_LEVEL: debug"));
    demo.say("/apply coachpilot-edge --dry-run");
    demo.awaitText("data.LOG_LEVEL: info → debug");
  }

  private static KubernetesClient client() {
    return demo.client("staging");
  }
}
