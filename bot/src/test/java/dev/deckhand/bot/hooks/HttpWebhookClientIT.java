package dev.deckhand.bot.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.bot.LoopbackHttp;
import dev.deckhand.commands.ports.WebhookClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Post-deploy hooks against a real HTTP server on loopback. */
class HttpWebhookClientIT {
  private final AtomicReference<String> seen = new AtomicReference<>();
  private final HttpWebhookClient client =
      new HttpWebhookClient(Duration.ofSeconds(2), ForkJoinPool.commonPool());

  @RegisterExtension
  final LoopbackHttp server =
      new LoopbackHttp(
          s -> {
            s.route(
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
                  LoopbackHttp.send(exchange, 200, "{\"success\":true}");
                });
            s.answer("/busy", 429, "rate limited\nretry later");
            s.stall("/slow", Duration.ofMillis(3000));
          });

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
    int closed = LoopbackHttp.closedPort();
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
    return server.url(path);
  }
}
