package dev.deckhand.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import dev.deckhand.commands.ports.BuildRequest;
import dev.deckhand.commands.ports.BuildResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Docker Engine whose endpoint is in {@code DOCKER_HOST} (start one with {@code
 * .ci/start-dockerd.sh}) and a real registry whose base URL is in {@code DECKHAND_TEST_REGISTRY}
 * ({@code .ci/start-registry.sh}). Skipped when either is unset, except on CI ({@code CI} set),
 * where that is a failure. Each test pushes to a fresh repository, so runs never collide.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DockerBuildIT {
  private static final String DOCKER_HOST = System.getenv("DOCKER_HOST");
  private static final String REGISTRY = System.getenv("DECKHAND_TEST_REGISTRY");
  private static final String MANIFEST_TYPES =
      "application/vnd.docker.distribution.manifest.v2+json,"
          + " application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Stage {@code base} builds; the last stage fails, so building it proves the target counts. */
  private static final String DOCKERFILE =
      """
      FROM scratch AS base
      ARG GREETING=none
      COPY hello.txt /
      LABEL greeting=$GREETING
      FROM base AS broken
      COPY missing.txt /
      """;

  private final String repo =
      "deckhand-it/build-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Lines log = new Lines();

  @TempDir Path context;
  private URI engine;
  private URI registry;

  @BeforeEach
  void requirePeers() throws IOException {
    require("DOCKER_HOST", DOCKER_HOST, ".ci/start-dockerd.sh");
    require("DECKHAND_TEST_REGISTRY", REGISTRY, ".ci/start-registry.sh");
    engine = URI.create(DOCKER_HOST);
    registry = URI.create(REGISTRY);
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    Files.writeString(context.resolve("hello.txt"), "hello from deckhand\n");
  }

  private static void require(String variable, String value, String script) {
    if (value != null && !value.isBlank()) {
      return;
    }
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
      fail(variable + " not set on CI: .ci/run must start one with " + script);
    }
    String reason = variable + " not set: start one with eval \"$(" + script + ")\"";
    // Maven prints only "Skipped: N"; say why where people look.
    System.err.println("SKIPPED Docker build test: " + reason);
    assumeTrue(false, reason);
  }

  private String reference(String tag) {
    return registry.getAuthority() + "/" + repo + ":" + tag;
  }

  private BuildRequest request(Optional<String> target, Duration timeout, String... tags) {
    return new BuildRequest(
        context,
        "Dockerfile",
        target,
        Map.of("GREETING", "hi"),
        "linux/amd64",
        Map.of("org.opencontainers.image.revision", "0123abc"),
        List.of(tags).stream().map(this::reference).toList(),
        null,
        null,
        timeout);
  }

  @Test
  void buildsATargetStagePushesEveryReferenceAndReportsTheRegistrysDigest() throws Exception {
    BuildResult result;
    try (DockerImageBuilder builder = new DockerImageBuilder(engine)) {
      result =
          builder.build(request(Optional.of("base"), Duration.ofMinutes(5), "0123abc", "dev"), log);
    }

    assertThat(result.references()).containsExactly(reference("0123abc"), reference("dev"));
    assertThat(result.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(manifestDigest("0123abc")).contains(result.digest());
    assertThat(manifestDigest("dev")).contains(result.digest());

    JsonNode config = config("0123abc");
    assertThat(config.path("architecture").asText()).isEqualTo("amd64");
    assertThat(config.path("os").asText()).isEqualTo("linux");
    JsonNode labels = config.path("config").path("Labels");
    assertThat(labels.path("greeting").asText()).isEqualTo("hi");
    assertThat(labels.path("org.opencontainers.image.revision").asText()).isEqualTo("0123abc");

    // The engine appends the request's labels as one more step.
    assertThat(log.steps)
        .containsExactly(
            "Step 1/5 : FROM scratch AS base",
            "Step 2/5 : ARG GREETING=none",
            "Step 3/5 : COPY hello.txt /",
            "Step 4/5 : LABEL greeting=$GREETING",
            "Step 5/5 : LABEL org.opencontainers.image.revision=0123abc");
    assertThat(log.lines).contains("Step 3/5 : COPY hello.txt /");
    assertThat(log.lines).anyMatch(l -> l.contains("digest: " + result.digest()));
  }

  @Test
  void aFailingStepNamesItselfAndPushesNothing() throws Exception {
    try (DockerImageBuilder builder = new DockerImageBuilder(engine)) {
      assertThatThrownBy(
              () -> builder.build(request(Optional.empty(), Duration.ofMinutes(5), "broken"), log))
          .isInstanceOfSatisfying(
              BuildException.class,
              e -> {
                assertThat(e.step()).contains("Step 6/7 : COPY missing.txt /");
                assertThat(e.getMessage())
                    .startsWith("the build failed at Step 6/7 : COPY missing.txt /: ")
                    .contains("missing.txt");
                assertThat(e.tail()).isNotEmpty().hasSizeLessThanOrEqualTo(30);
                assertThat(e.tail().get(e.tail().size() - 1)).contains("missing.txt");
              });
    }
    assertThat(manifestDigest("broken")).isEmpty();
  }

  /**
   * Asked for linux/arm64, this engine (amd64, no emulation) still makes a linux/amd64 image of a
   * Dockerfile without a filesystem step: the image is inspected before any push and refused.
   */
  @Test
  void anImageOfAnotherPlatformThanAskedIsReportedAndNeverPushed() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nLABEL arch=arm64\n");
    try (DockerImageBuilder builder = new DockerImageBuilder(engine)) {
      assertThatThrownBy(
              () ->
                  builder.build(
                      new BuildRequest(
                          context,
                          "Dockerfile",
                          Optional.empty(),
                          Map.of(),
                          "linux/arm64",
                          Map.of(),
                          List.of(reference("arm64")),
                          null,
                          null,
                          Duration.ofMinutes(5)),
                      log))
          .isInstanceOf(BuildException.class)
          .hasMessage("the engine built a linux/amd64 image, not linux/arm64; nothing was pushed");
    }
    assertThat(manifestDigest("arm64")).isEmpty();
  }

  @Test
  void buildsThroughATcpEndpoint() throws Exception {
    try (Forwarder forward = Forwarder.toUnixSocket(Path.of(engine.getPath()));
        DockerImageBuilder builder =
            new DockerImageBuilder(URI.create("tcp://127.0.0.1:" + forward.port()))) {
      BuildResult result =
          builder.build(request(Optional.of("base"), Duration.ofMinutes(5), "tcp"), log);
      assertThat(manifestDigest("tcp")).contains(result.digest());
    }
  }

  @Test
  void aRefusedPushSaysWhichReference() throws Exception {
    // Nothing listens on port 1 of loopback: the engine cannot deliver the push.
    BuildRequest toNowhere =
        new BuildRequest(
            context,
            "Dockerfile",
            Optional.of("base"),
            Map.of(),
            "linux/amd64",
            Map.of(),
            List.of("127.0.0.1:1/" + repo + ":nowhere"),
            "deckhand",
            "s3cret-password",
            Duration.ofMinutes(5));
    try (DockerImageBuilder builder = new DockerImageBuilder(engine)) {
      assertThatThrownBy(() -> builder.build(toNowhere, log))
          .isInstanceOf(BuildException.class)
          .hasMessageStartingWith(
              "the registry refused the push of 127.0.0.1:1/" + repo + ":nowhere: ")
          .message()
          .doesNotContain("s3cret-password");
    }
    assertThat(log.lines).noneMatch(l -> l.contains("s3cret-password"));
  }

  @Test
  void theRequestsCredentialsReachTheRegistryAndARefusalIsReported() throws Exception {
    HttpServer refusing =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> authorizations = new CopyOnWriteArrayList<>();
    refusing.createContext(
        "/",
        exchange -> {
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"deckhand-it\"");
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          byte[] body =
              "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    refusing.start();
    Forwarder front = Forwarder.toPlainHttp(refusing.getAddress());
    String target = "127.0.0.1:" + front.port() + "/" + repo + ":refused";
    BuildRequest request =
        new BuildRequest(
            context,
            "Dockerfile",
            Optional.of("base"),
            Map.of(),
            "linux/amd64",
            Map.of(),
            List.of(target),
            "deckhand",
            "s3cret-password",
            Duration.ofMinutes(5));
    try (DockerImageBuilder builder = new DockerImageBuilder(engine)) {
      assertThatThrownBy(() -> builder.build(request, log))
          .isInstanceOf(BuildException.class)
          .hasMessageStartingWith("the registry refused the push of " + target + ": ")
          .hasMessageContaining("unauthorized")
          .hasMessageEndingWith("; check the registry credentials configured for this service")
          .message()
          .doesNotContain("s3cret-password");
    } finally {
      front.close();
      refusing.stop(0);
    }
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("deckhand:s3cret-password".getBytes(StandardCharsets.UTF_8));
    assertThat(authorizations).contains(basic);
    assertThat(log.lines).noneMatch(l -> l.contains("s3cret-password"));
    // dockerd counts down each retry second by second; only the start of each round is reported.
    assertThat(log.lines.stream().filter(l -> l.contains("Retrying in")))
        .hasSizeLessThanOrEqualTo(5)
        .allMatch(l -> l.matches(".*: Retrying in \\d+ seconds"));
  }

  @Test
  void aBuildThatOutlivesItsTimeoutIsStopped() throws Exception {
    try (DockerImageBuilder builder = new DockerImageBuilder(engine)) {
      assertThatThrownBy(
              () -> builder.build(request(Optional.of("base"), Duration.ofNanos(1), "late"), log))
          .isInstanceOf(BuildException.class)
          .hasMessageStartingWith("the build outlived its timeout of 1 s");
    }
  }

  @Test
  void anUnreachableEngineIsNamed() {
    URI nowhere = URI.create("unix://" + context.resolve("no-such-docker.sock"));
    try (DockerImageBuilder builder = new DockerImageBuilder(nowhere)) {
      assertThatThrownBy(
              () -> builder.build(request(Optional.empty(), Duration.ofMinutes(1), "x"), log))
          .isInstanceOf(BuildException.class)
          .hasMessageStartingWith("cannot reach the Docker engine at " + nowhere + ": ");
    }
  }

  /** The digest the registry reports for {@code tag}, empty when the tag is absent. */
  private Optional<String> manifestDigest(String tag) throws Exception {
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(registry.resolve("/v2/" + repo + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MANIFEST_TYPES)
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("Docker-Content-Digest");
  }

  private JsonNode config(String tag) throws Exception {
    JsonNode manifest = get("/v2/" + repo + "/manifests/" + tag);
    return get("/v2/" + repo + "/blobs/" + manifest.path("config").path("digest").asText());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(registry.resolve(path)).header("Accept", MANIFEST_TYPES).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Records what the builder reports. */
  private static final class Lines implements BuildLog {
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void step(String step) {
      steps.add(step);
    }

    @Override
    public void line(String line) {
      lines.add(line);
    }
  }
}
