package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manifest PUTs against a small fake on 127.0.0.1: rate limits and immutable tags. */
class RegistryWriteTest {
  private static final byte[] MANIFEST =
      ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"config\":{\"digest\":\"sha256:"
              + "1".repeat(64)
              + "\",\"size\":2},\"layers\":[]}")
          .getBytes(StandardCharsets.UTF_8);
  private static final String DIGEST = HttpImageRegistry.sha256(MANIFEST);

  private final AtomicInteger puts = new AtomicInteger();
  private HttpServer server;

  /** Starts the fake; {@code onPut} answers the n-th manifest PUT (status, headers, body). */
  private ImageRegistry start(Function<Integer, Answer> onPut) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          try {
            handle(ex, onPut);
          } finally {
            ex.close();
          }
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    RegistrySettings settings =
        new RegistrySettings(
            Duration.ofSeconds(5), Duration.ofSeconds(15), 100, 100, Duration.ZERO);
    return RegistryClient.create(
        List.of(new RegistryEndpoint("local", base)), settings, ForkJoinPool.commonPool());
  }

  record Answer(int status, String retryAfter, String body) {}

  private void handle(HttpExchange ex, Function<Integer, Answer> onPut) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (method.equals("PUT") && path.equals("/v2/app/manifests/staging")) {
      ex.getRequestBody().readAllBytes();
      Answer a = onPut.apply(puts.incrementAndGet());
      if (a.retryAfter() != null) {
        ex.getResponseHeaders().add("Retry-After", a.retryAfter());
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      ex.getResponseBody().write(body);
      return;
    }
    if (path.equals("/v2/app/manifests/" + DIGEST) || path.equals("/v2/app/manifests/staging")) {
      ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
      ex.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
      if (method.equals("HEAD")) {
        ex.sendResponseHeaders(200, -1);
      } else {
        ex.sendResponseHeaders(200, MANIFEST.length);
        ex.getResponseBody().write(MANIFEST);
      }
      return;
    }
    ex.sendResponseHeaders(404, -1);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedOut() throws IOException {
    ImageRegistry registry =
        start(n -> n == 1 ? new Answer(429, "1", "") : new Answer(201, null, ""));

    registry.tag("app", "staging", DIGEST);

    assertThat(puts).hasValue(2);
  }

  @Test
  void aRateLimitBeyondTheBoundFailsClearly() throws IOException {
    ImageRegistry registry = start(n -> new Answer(429, "120", ""));

    assertThatThrownBy(() -> registry.tag("app", "staging", DIGEST))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("rate-limiting us (HTTP 429)")
        .hasMessageContaining("beyond the 30 s Deckhand waits");
    assertThat(puts).hasValue(1);
  }

  @Test
  void anImmutableTagIsExplained() throws IOException {
    ImageRegistry registry =
        start(
            n ->
                new Answer(
                    400,
                    null,
                    "{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag 'staging'"
                        + " already exists in the 'app' repository and cannot be overwritten"
                        + " because the repository is immutable.\"}]}"));

    assertThatThrownBy(() -> registry.tag("app", "staging", DIGEST))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("tag staging of app is immutable in this registry")
        .hasMessageEndingWith("promote by digest or use another tag");
  }

  @Test
  void anotherRefusalIsNotCalledImmutable() throws IOException {
    ImageRegistry registry =
        start(
            n ->
                new Answer(
                    400,
                    null,
                    "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"bad\"}]}"));

    assertThatThrownBy(() -> registry.tag("app", "staging", DIGEST))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageNotContaining("immutable");
  }

  @Test
  void aMalformedDigestIsRefusedBeforeAnyRequest() throws IOException {
    ImageRegistry registry = start(n -> new Answer(201, null, ""));

    assertThatThrownBy(() -> registry.tag("app", "staging", "latest"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("type sha256:");
  }
}
