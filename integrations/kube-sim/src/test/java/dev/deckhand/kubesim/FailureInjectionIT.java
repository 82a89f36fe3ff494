package dev.deckhand.kubesim;

import static dev.deckhand.kubesim.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FailureInjectionIT {

  private static SimCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster =
        SimCluster.start(
            "failures", SimOptions.defaults().withPodReadyDelay(Duration.ofMillis(150)));
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void crashingImageLoopsAndTheRolloutNeverCompletes() {
    rollOut("crashy", "registry.example/crashy:1.0");
    setImage("crashy", "registry.example/crashy:1.1-crash@sha256:" + "0".repeat(64));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ContainerStatus status = newPodStatus("crashy", "1.1-crash");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
              assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
              assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(2);
              assertThat(status.getReady()).isFalse();
            });
    Deployment d = get("crashy");
    assertThat(RolloutVerdict.of(d)).isEqualTo(RolloutVerdict.WAITING);
    assertThat(d.getStatus().getAvailableReplicas()).as("old pods keep serving").isEqualTo(2);
    assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);
  }

  @Test
  void oomKilledImageLoops() {
    rollOut("hungry", "registry.example/hungry:1.0");
    setImage("hungry", "registry.example/hungry:1.1-oom");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ContainerStatus status = newPodStatus("hungry", "1.1-oom");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
            });
    assertThat(RolloutVerdict.of(get("hungry"))).isEqualTo(RolloutVerdict.WAITING);
  }

  @Test
  void unpullableImageBacksOff() {
    rollOut("pully", "registry.example/pully:1.0");
    setImage("pully", "registry.example/pully:1.1-pullfail");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ContainerStatus status = newPodStatus("pully", "1.1-pullfail");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
              assertThat(status.getState().getWaiting().getMessage())
                  .isEqualTo("Back-off pulling image \"registry.example/pully:1.1-pullfail\"");
            });
    assertThat(RolloutVerdict.of(get("pully"))).isEqualTo(RolloutVerdict.WAITING);
  }

  @Test
  void slowImageExceedsTheProgressDeadline() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(
            deployment()
                .named("sloth")
                .replicas(2)
                .progressDeadlineSeconds(2)
                .image("registry.example/sloth:1.0")
                .build())
        .create();
    cluster.awaitRollout("default", "sloth", Duration.ofSeconds(30));
    setImage("sloth", "registry.example/sloth:1.1-slow");

    assertThatThrownBy(() -> cluster.awaitRollout("default", "sloth", Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has timed out progressing");
    Deployment d = get("sloth");
    assertThat(d.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Progressing");
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
            });
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
  }

  @Test
  void podLogsAreServedWithTailLines() {
    rollOut("talky", "registry.example/talky:1.0");
    setImage("talky", "registry.example/talky:1.1-crash");
    await().atMost(Duration.ofSeconds(30)).until(() -> newPod("talky", "1.1-crash") != null);
    Pod crashing = newPod("talky", "1.1-crash");
    String tail =
        client
            .pods()
            .inNamespace("default")
            .withName(crashing.getMetadata().getName())
            .tailingLines(8)
            .getLog();
    assertThat(tail.split("\n")).hasSize(8);
    assertThat(tail).contains("panic: config key DATABASE_URL missing");

    Pod healthy =
        pods("talky").stream()
            .filter(p -> !p.getSpec().getContainers().get(0).getImage().endsWith("-crash"))
            .findFirst()
            .orElseThrow();
    String healthyLog =
        client
            .pods()
            .inNamespace("default")
            .withName(healthy.getMetadata().getName())
            .inContainer("talky")
            .tailingLines(3)
            .getLog();
    assertThat(healthyLog.split("\n"))
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).contains(" INFO "));
    String all =
        client.pods().inNamespace("default").withName(healthy.getMetadata().getName()).getLog();
    assertThat(all).contains("listening on :8080").endsWith(healthyLog);

    assertThatThrownBy(
            () ->
                client
                    .pods()
                    .inNamespace("default")
                    .withName("no-such-pod")
                    .tailingLines(3)
                    .getLog())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
  }

  private void rollOut(String name, String image) {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment().named(name).replicas(2).image(image).build())
        .create();
    cluster.awaitRollout("default", name, Duration.ofSeconds(30));
  }

  private Deployment get(String name) {
    return client.apps().deployments().inNamespace("default").withName(name).get();
  }

  private List<Pod> pods(String name) {
    return client.pods().inNamespace("default").withLabel("app", name).list().getItems();
  }

  private Pod newPod(String name, String tagSuffix) {
    return pods(name).stream()
        .filter(
            p ->
                FailureMode.tagOf(p.getSpec().getContainers().get(0).getImage())
                    .endsWith(tagSuffix))
        .findFirst()
        .orElse(null);
  }

  private ContainerStatus newPodStatus(String name, String tagSuffix) {
    Pod pod = newPod(name, tagSuffix);
    assertThat(pod).isNotNull();
    return pod.getStatus().getContainerStatuses().get(0);
  }

  private void setImage(String name, String image) {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\""
                + image
                + "\"}]");
  }
}
