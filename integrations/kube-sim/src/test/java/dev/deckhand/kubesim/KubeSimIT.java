package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeSimIT {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static KubeSim sim;
  private static String image;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sim =
        KubeSim.start(
            List.of("staging", "prod"),
            SimOptions.defaults()
                .withPodReadyDelay(Duration.ofMillis(150))
                .withProgressDeadlineSeconds(20));
    sim.registry().addTags("synergygroup/coachpilot-gateway", "1.4.0", "1.5.0-unhealthy");
    image = sim.registry().host() + "/synergygroup/coachpilot-gateway:1.4.0";
    sim.seedDeployment("staging", "coachpilot", "gateway", "gateway", image, 2);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void seededDeploymentIsRealisticAndRolledOut() {
    Deployment d =
        sim.cluster("staging")
            .client()
            .apps()
            .deployments()
            .inNamespace("coachpilot")
            .withName("gateway")
            .get();
    assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("app", "gateway");
    assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(20);
    assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("25%");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
        .isEqualTo("IfNotPresent");
    assertThat(RolloutVerdict.of(d)).isEqualTo(RolloutVerdict.DONE);
    assertThat(sim.cluster("staging").client().namespaces().withName("coachpilot").get())
        .isNotNull();
    assertThat(sim.cluster("prod").client().apps().deployments().inAnyNamespace().list().getItems())
        .isEmpty();
    assertThatThrownBy(() -> sim.cluster("qa")).isInstanceOf(IllegalArgumentException.class);
    assertThat(sim.cluster("staging").masterUrl()).startsWith("http://127.0.0.1:");
  }

  @Test
  void createdDeploymentsRollOutWithoutBlockingTheCaller() {
    List<String> names = List.of("bulk-0", "bulk-1", "bulk-2", "bulk-3");
    for (String name : names) {
      sim.createDeployment("staging", "bulk", name, "app", image, 1);
    }
    assertThatThrownBy(() -> sim.createDeployment("staging", "bulk", "bulk-0", "app", image, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bulk/bulk-0");
    for (String name : names) {
      Deployment d = sim.cluster("staging").awaitRollout("bulk", name, Duration.ofSeconds(20));
      assertThat(RolloutVerdict.of(d)).isEqualTo(RolloutVerdict.DONE);
    }
  }

  @Test
  void healthFollowsTheImageTag() throws Exception {
    String url = sim.health().urlOf("staging", "coachpilot", "gateway");
    HttpResponse<String> ok = get(url);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"status\":\"ok\",\"image\":\"" + image + "\"}");

    String unhealthy = sim.registry().host() + "/synergygroup/coachpilot-gateway:1.5.0-unhealthy";
    sim.cluster("staging")
        .client()
        .apps()
        .deployments()
        .inNamespace("coachpilot")
        .withName("gateway")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\""
                + unhealthy
                + "\"}]");
    try {
      HttpResponse<String> degraded = get(url);
      assertThat(degraded.statusCode()).isEqualTo(503);
      assertThat(degraded.body()).contains("\"status\":\"degraded\"");
      sim.cluster("staging").awaitRollout("coachpilot", "gateway", Duration.ofSeconds(30));
    } finally {
      sim.cluster("staging")
          .client()
          .apps()
          .deployments()
          .inNamespace("coachpilot")
          .withName("gateway")
          .patch(
              PatchContext.of(PatchType.JSON),
              "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\""
                  + image
                  + "\"}]");
    }
    assertThat(get(sim.health().urlOf("staging", "coachpilot", "nope")).statusCode())
        .isEqualTo(404);
    assertThat(get(sim.health().urlOf("qa", "coachpilot", "gateway")).statusCode()).isEqualTo(404);
  }

  @Test
  void kubeconfigWorksWithKubectl(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    sim.writeKubeconfig(kubeconfig);
    assertThat(Files.readString(kubeconfig))
        .contains("name: staging", "name: prod", "current-context: staging");
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at " + KUBECTL);

    Result list = kubectl(dir, kubeconfig, "--context", "staging", "get", "deploy", "-A");
    assertThat(list.exit()).as(list.output()).isZero();
    assertThat(list.output()).contains("coachpilot", "gateway");

    sim.cluster("staging").awaitRollout("coachpilot", "gateway", Duration.ofSeconds(30));
    Result status =
        kubectl(
            dir,
            kubeconfig,
            "--context",
            "staging",
            "-n",
            "coachpilot",
            "rollout",
            "status",
            "deployment/gateway",
            "--timeout=10s");
    assertThat(status.exit()).as(status.output()).isZero();
    assertThat(status.output()).contains("successfully rolled out");

    Result scale =
        kubectl(
            dir,
            kubeconfig,
            "--context",
            "staging",
            "-n",
            "coachpilot",
            "scale",
            "deployment/gateway",
            "--replicas=3");
    assertThat(scale.exit()).as(scale.output()).isZero();
    assertThat(
            sim.cluster("staging")
                .awaitRollout("coachpilot", "gateway", Duration.ofSeconds(30))
                .getStatus()
                .getReadyReplicas())
        .isEqualTo(3);

    Result prod = kubectl(dir, kubeconfig, "--context", "prod", "get", "deploy", "-A");
    assertThat(prod.exit()).as(prod.output()).isZero();
    assertThat(prod.output()).contains("No resources found");
  }

  private record Result(int exit, String output) {}

  private static Result kubectl(Path dir, Path kubeconfig, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("kubectl.out").toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 30 s");
    }
    return new Result(
        process.exitValue(), Files.readString(dir.resolve("kubectl.out"), StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
