package dev.deckhand.bot.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.deckhand.commands.ports.WebhookClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Post-deploy hooks against a real HTTP server on loopback. */
class HttpWebhookClientIT {
  private HttpServer server;
  private final AtomicReference<String> seen = new AtomicReference<>();
  private final HttpWebhookClient client =
      new HttpWebhookClient(Duration.ofSeconds(2), ForkJoinPool.commonPool());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/purge",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.set(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + body);
          byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.createContext(
        "/busy",
        exchange -> {
          byte[] answer = "rate limited\nretry later".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(429, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(3000); // the server side of a timeout, not a test wait
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void sendsTheMethodHeadersAndBodyAndReadsTheAnswer() {
    WebhookClient.Response r =
        client.send(
            "POST",
            url("/purge"),
            Map.of("Authorization", "Bearer t0k"),
            "{\"files\":[\"/\"]}",
            Duration.ofSeconds(5));
    assertThat(r.ok()).isTrue();
    assertThat(r.excerpt()).isEqualTo("{\"success\":true}");
    assertThat(seen.get()).isEqualTo("POST Bearer t0k application/json {\"files\":[\"/\"]}");
  }

  @Test
  void aNon2xxAnswerIsAResponseWithItsFirstLine() {
    WebhookClient.Response r =
        client.send("POST", url("/busy"), Map.of(), "", Duration.ofSeconds(5));
    assertThat(r.ok()).isFalse();
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.excerpt()).isEqualTo("rate limited");
  }

  @Test
  void noAnswerIsAFailureSayingWhy() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                client.send(
                    "POST",
                    URI.create("http://127.0.0.1:" + closed + "/x"),
                    Map.of(),
                    "",
                    Duration.ofSeconds(2)))
        .isInstanceOf(WebhookClient.Failure.class)
        .hasMessageStartingWith("no answer: ");
    assertThatThrownBy(
            () -> client.send("POST", url("/slow"), Map.of(), "", Duration.ofMillis(300)))
        .isInstanceOf(WebhookClient.Failure.class)
        .hasMessageContaining("Timeout");
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }
}
