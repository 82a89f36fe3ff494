package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deckhand.commands.rollout.RolloutVerdict;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks every rollout fixture against {@code /usr/bin/kubectl rollout status --watch=false}
 * (the trusted oracle; test-only, fixed argv, no chat text) pointed at the mock API on 127.0.0.1.
 * Skipped, with the reason in the report, when kubectl is not installed.
 *
 * <p>Each fixture is created in the CRUD store, and the two reads kubectl makes of it are answered
 * with the fixture verbatim by expectations: the CRUD mock resets {@code metadata.generation} to 1
 * on create, and kubectl would otherwise judge another object than the mapper did. The one change
 * to a fixture is the API server's own defaulting of an absent {@code spec.replicas} to 1, which
 * kubectl never sees missing from a real server. The mock serves no discovery documents, so this
 * test serves the few kubectl needs.
 */
class KubectlEquivalenceIT {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final String NAMESPACE = "fixtures";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static MockApi api;
  @TempDir static Path home;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at " + KUBECTL);
    api = new MockApi();
    serveDiscovery();
    try (KubernetesClient client = api.newClient()) {
      for (RolloutFixtures f : RolloutFixtures.all()) {
        Deployment served = asServed(f.deployment());
        client.apps().deployments().inNamespace(NAMESPACE).resource(served).create();
        serveVerbatim(served);
      }
    }
    Files.writeString(home.resolve("kubeconfig"), kubeconfig(api.port()));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static List<RolloutFixtures> fixtures() {
    return RolloutFixtures.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void kubectlAgreesWithTheFixtureAndTheMapper(RolloutFixtures fixture) throws Exception {
    Kubectl result = rolloutStatus(fixture.name());
    RolloutVerdict ours =
        RolloutVerdict.of(fixture.name(), RolloutStatusMapper.map(fixture.deployment()));

    assertThat(result.verdictKind()).as(result.toString()).isEqualTo(fixture.expectedKind());
    assertThat(result.message()).as(result.toString()).isEqualTo(fixture.expectedMessage());
    assertThat(RolloutFixtures.kindOf(ours)).isEqualTo(result.verdictKind());
    assertThat(ours.message()).isEqualTo(result.message());
  }

  /**
   * kubectl reads the deployment twice: a GET by name, then the list by field selector that its
   * watch starts from (the path below is kubectl 1.32's). Both get the fixture exactly as written.
   */
  private static void serveVerbatim(Deployment d) {
    String base = "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments";
    String name = d.getMetadata().getName();
    DeploymentList list =
        new DeploymentListBuilder()
            .withMetadata(new ListMetaBuilder().withResourceVersion("1").build())
            .withItems(d)
            .build();
    api.server().expect().get().withPath(base + "/" + name).andReturn(200, JSON.asJson(d)).always();
    api.server()
        .expect()
        .get()
        .withPath(base + "?fieldSelector=metadata.name%3D" + name + "&limit=500&resourceVersion=0")
        .andReturn(200, JSON.asJson(list))
        .always();
  }

  /** The mock serves no discovery documents; kubectl needs them to resolve "deployment". */
  private static void serveDiscovery() {
    String[][] documents = {
      {"/api", "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}"},
      {"/api/v1", "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[]}"},
      {
        "/apis",
        "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"apps\","
            + "\"versions\":[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],"
            + "\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}]}"
      },
      {
        "/apis/apps/v1",
        "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"apps/v1\","
            + "\"resources\":[{\"name\":\"deployments\",\"singularName\":\"deployment\","
            + "\"namespaced\":true,\"kind\":\"Deployment\",\"shortNames\":[\"deploy\"],"
            + "\"verbs\":[\"get\",\"list\",\"watch\"]}]}"
      },
    };
    for (String[] doc : documents) {
      // kubectl adds its client timeout to discovery requests; expectations match the query too
      for (String path : List.of(doc[0], doc[0] + "?timeout=32s")) {
        api.server().expect().get().withPath(path).andReturn(200, doc[1]).always();
      }
    }
  }

  private static Deployment asServed(Deployment d) {
    Deployment copy = new DeploymentBuilder(d).build();
    if (copy.getSpec().getReplicas() == null) {
      copy.getSpec().setReplicas(1);
    }
    return copy;
  }

  private static Kubectl rolloutStatus(String name) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            KUBECTL.toString(),
            "--kubeconfig",
            home.resolve("kubeconfig").toString(),
            "--cache-dir",
            home.resolve("cache").toString(),
            "rollout",
            "status",
            "deployment/" + name,
            "-n",
            NAMESPACE,
            "--watch=false");
    pb.environment().put("HOME", home.toString());
    pb.redirectErrorStream(false);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish for " + name);
    }
    return new Kubectl(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
  }

  private static String kubeconfig(int port) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: http://127.0.0.1:%d
        users:
          - name: mock
            user:
              token: not-a-secret
        contexts:
          - name: mock
            context:
              cluster: mock
              user: mock
              namespace: fixtures
        current-context: mock
        """
        .formatted(port);
  }

  /** What kubectl did: exit 0 with its status line, or exit 1 with "error: ..." on stderr. */
  record Kubectl(int exit, String out, String err) {
    String verdictKind() {
      if (exit == 0 && out.endsWith("successfully rolled out")) {
        return "Complete";
      }
      if (exit == 0 && out.startsWith("Waiting")) {
        return "Waiting";
      }
      if (exit != 0 && message().endsWith("exceeded its progress deadline")) {
        return "Failed";
      }
      return "unexpected";
    }

    /**
     * The status line, or the text of the final {@code error:} line (the mock rejects kubectl's
     * bookmark watch, so client-go may log a watch error before it).
     */
    String message() {
      if (exit == 0) {
        return out;
      }
      return err.lines()
          .filter(l -> l.startsWith("error: "))
          .reduce((first, second) -> second)
          .map(l -> l.substring("error: ".length()))
          .orElse(err);
    }
  }
}
