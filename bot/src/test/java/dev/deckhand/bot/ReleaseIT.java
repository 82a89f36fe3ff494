package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /deploy-all} on simulated clusters, with the real fabric8 adapter, the registry over HTTP,
 * embedded PostgreSQL and the console: three services tagged with the same commit SHA, in two
 * waves. One SHA's web image ends in {@code -crash}, so its pods crash (kube-sim's failure modes)
 * and the release rolls wave 1 back.
 */
class ReleaseIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String CATALOG =
      """
      default-environment: staging
      chat:
        console:
          users: [alice, bob]
          default-user: alice
          channel: "#deploys"
      registries:
        default: { url: "${sim.registry}" }
      clusters:
        staging: { context: staging }
        prod: { context: prod }
      environments:
        staging: { cluster: staging }
        prod: { cluster: prod, protected: true, approvals: { count: 1, from: release-managers } }
      roles:
        developers: { console: [alice], grants: ["deploy-all:*", "rollback-all:*", "status:*"] }
        release-managers: { console: [bob], grants: ["deploy-all:*", "approve:prod", "status:*"] }
      services:
        api:
          image: honeydue/api
          targets:
            staging: { namespace: honeydue, deployment: api }
            prod: { namespace: honeydue, deployment: api }
        worker:
          image: honeydue/worker
          targets:
            staging: { namespace: honeydue, deployment: worker }
            prod: { namespace: honeydue, deployment: worker }
        web:
          image: honeydue/web
          targets:
            staging: { namespace: honeydue, deployment: web }
            prod: { namespace: honeydue, deployment: web }
      release:
        waves: [[api, worker], [web]]
        files: releases
      demo:
        replicas: 2
        progress-deadline: 4s
        ready-delay: 200ms
        tags:
          api: [0f0f0f0, a1b2c3d, c3d4e5f]
          worker: [0f0f0f0, a1b2c3d, c3d4e5f]
          web: [0f0f0f0, a1b2c3d, c3d4e5f-crash]
      """;

  static Path releases;

  @RegisterExtension
  static final DemoSession demo =
      DemoSession.of(
          PATIENCE,
          dir -> {
            Path catalog = dir.resolve("release.yaml");
            Files.writeString(catalog, CATALOG);
            releases = Files.createDirectories(dir.resolve("releases"));
            return catalog;
          });

  @Test
  void aReleaseRollsTwoWavesThenACrashingOneRollsBackAndRollbackAllUndoesTheGoodOne()
      throws Exception {
    demo.say("/deploy-all a1b2c3d --env staging");
    String done = demo.awaitFinal("deploy-all a1b2c3d in staging");
    assertThat(done).contains("— succeeded after");
    for (String s : List.of("api", "worker", "web")) {
      assertThat(image(s)).startsWith("honeydue/" + s + ":a1b2c3d@sha256:");
      assertThat(deployment(s).getMetadata().getAnnotations().get("kubernetes.io/change-cause"))
          .endsWith("deployed a1b2c3d (deploy-all)");
    }
    assertThat(demo.transcript().lastMessageContaining("deploy-all a1b2c3d in staging: done"))
        .isNotEmpty();

    // c3d4e5f is, for web, c3d4e5f-crash: the one prefix resolves per service.
    demo.say("/deploy-all c3d4e5f --env staging");
    String failed = demo.awaitFinal("deploy-all c3d4e5f in staging");
    assertThat(failed).contains("— rolled-back after");
    for (String s : List.of("api", "worker", "web")) {
      assertThat(image(s)).startsWith("honeydue/" + s + ":a1b2c3d@sha256:");
    }

    demo.say("/rollback-all --env staging");
    String undone = demo.awaitFinal("rollback-all in staging");
    assertThat(undone).contains("— succeeded after");
    for (String s : List.of("api", "worker", "web")) {
      assertThat(image(s)).startsWith("honeydue/" + s + ":0f0f0f0");
    }

    // A release file written while the bot runs: each service it names to its own tag.
    Files.writeString(releases.resolve("r1.yaml"), "# hotfix\napi: c3d4e5f\nworker: a1b2c3d\n");
    demo.say("/deploy-all --release r1 --env staging");
    String fromFile = demo.awaitFinal("deploy-all release r1 in staging");
    assertThat(fromFile).contains("— succeeded after");
    assertThat(image("api")).startsWith("honeydue/api:c3d4e5f@sha256:");
    assertThat(image("worker")).startsWith("honeydue/worker:a1b2c3d@sha256:");
    assertThat(image("web")).as("not in the release file").startsWith("honeydue/web:0f0f0f0");

    Files.writeString(releases.resolve("r2.yaml"), "api: c3d4e5f\nweb: [a1b2c3d]\n");
    demo.say("/deploy-all --release r2 --env staging");
    demo.awaitText(releases.resolve("r2.yaml") + ":2: each line is service: tag");
    assertThat(image("web")).startsWith("honeydue/web:0f0f0f0");
  }

  private static Deployment deployment(String name) {
    return demo.deployment("staging", "honeydue", name);
  }

  private static String image(String name) {
    return demo.image("staging", "honeydue", name);
  }
}
