package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodLogsTest {

  private final PodLogs logs = new PodLogs();

  @Test
  void crashLogsEndWithThePanicAndHonourTailLines() {
    PodLogs.Answer all = logs.logs(pod("app", "acme/gateway:2.0-crash"), null, false, -1);
    assertThat(all.code()).isEqualTo(200);
    assertThat(all.body()).contains("panic: config key DATABASE_URL missing");
    PodLogs.Answer tail = logs.logs(pod("app", "acme/gateway:2.0-crash"), null, false, 2);
    assertThat(tail.body().split("\n")).hasSize(2);
    assertThat(all.body()).endsWith(tail.body());
    assertThat(logs.logs(pod("app", "acme/gateway:2.0-crash"), "app", true, 1).code())
        .isEqualTo(200);
  }

  @Test
  void plantedLinesShowInCrashesJustBeforeTheyDieAndNowhereElse() {
    logs.plantInCrashes("DATABASE_URL=postgres://app:canary-pw@db\n-----BEGIN PRIVATE KEY-----");
    String crash = logs.logs(pod("app", "acme/gateway:2.0-crash"), null, false, 10).body();
    assertThat(crash)
        .contains("DATABASE_URL=postgres://app:canary-pw@db\n-----BEGIN PRIVATE KEY-----\n" + "20")
        .endsWith("\t/src/cmd/server/main.go:23 +0x1a5\n");
    assertThat(logs.logs(pod("app", "acme/gateway:2.0-oom"), null, true, -1).body())
        .contains("canary-pw");
    assertThat(logs.logs(pod("app", "acme/gateway:2.0"), null, false, -1).body())
        .doesNotContain("canary-pw");
  }

  @Test
  void healthyLogsHaveNoPreviousContainer() {
    assertThat(logs.logs(pod("app", "acme/gateway:2.0"), null, false, 5).body())
        .contains("GET /healthz 200");
    assertThat(logs.logs(pod("app", "acme/gateway:2.0"), null, true, 5).code()).isEqualTo(400);
  }

  @Test
  void errorsLikeTheKubelet() {
    assertThat(logs.logs(pod("app", "acme/gateway:2.0-pullfail"), null, false, 5).body())
        .contains("is waiting to start: trying and failing to pull image");
    assertThat(logs.logs(pod("app", "acme/gateway:2.0"), "other", false, 5).body())
        .isEqualTo("container other is not valid for pod gateway-abc-12345");
  }

  private static Pod pod(String container, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("gateway-abc-12345")
        .withCreationTimestamp("2025-03-01T10:00:00Z")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(container)
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }
}
