package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP endpoint against slow clients, over real sockets on loopback: clients that trickle their
 * headers or body hold a thread only until their deadline, at most {@code bodies} of them read at
 * once (503 beyond), and a signed command sent meanwhile is acknowledged within Slack's 3 s.
 */
@Timeout(120)
class SlackHttpEndpointIT {
  private static final String SECRET = "endpoint-secret";
  private static final Duration ACK = Duration.ofSeconds(3);
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration LONG = Duration.ofSeconds(60);

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(1);
  private SlackHttpEndpoint endpoint;

  @AfterEach
  void stop() throws IOException {
    trickle.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private SlackHttpEndpoint start(SlackHttpEndpoint.Limits limits) throws IOException {
    App app =
        new App(
            AppConfig.builder().signingSecret(SECRET).build(),
            List.of(new RequestVerification(new SlackRequestVerifier(SECRET, Clock.systemUTC()))));
    app.command(
        "/deploy",
        (req, ctx) -> {
          received.add(req.getPayload().getTriggerId());
          return ctx.ack();
        });
    endpoint = new SlackHttpEndpoint(new InetSocketAddress("127.0.0.1", 0), app, limits);
    endpoint.start();
    return endpoint;
  }

  @Test
  void twoClientsTricklingBodiesDoNotHoldUpASignedCommand() throws Exception {
    SlackHttpEndpoint.Limits limits = SlackHttpEndpoint.Limits.DEFAULT;
    start(new SlackHttpEndpoint.Limits(limits.threads(), limits.bodies(), LONG, LONG));
    tricklingBody();
    tricklingBody();
    await().atMost(PATIENCE).until(() -> endpoint.bodiesBeingRead() == 2);

    HttpResponse<String> third = signedCommand("trigger-third");

    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(received).containsExactly("trigger-third");
    assertThat(endpoint.bodiesBeingRead()).as("the slow ones are still being read").isEqualTo(2);
  }

  @Test
  void beyondTheBoundOfBodiesBeingReadARequestIsAnswered503AtOnce() throws Exception {
    start(new SlackHttpEndpoint.Limits(4, 2, LONG, LONG));
    tricklingBody();
    tricklingBody();
    await().atMost(PATIENCE).until(() -> endpoint.bodiesBeingRead() == 2);

    Socket third = tricklingBody();
    third.setSoTimeout((int) ACK.toMillis());
    assertThat(statusLine(third.getInputStream())).isEqualTo("HTTP/1.1 503 Service Unavailable");

    assertThat(signedCommand("trigger-after-503").statusCode()).isEqualTo(200);
    assertThat(received).containsExactly("trigger-after-503");
  }

  @Test
  void headersOrBodiesStillArrivingAtTheirDeadlineAreCutOff() throws Exception {
    start(new SlackHttpEndpoint.Limits(4, 2, Duration.ofMillis(500), Duration.ofMillis(500)));
    Socket slowHeaders = trickling("POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    Socket slowBody = tricklingBody();

    for (Socket s : List.of(slowHeaders, slowBody)) {
      s.setSoTimeout((int) PATIENCE.toMillis());
      assertThat(closedByServer(s.getInputStream())).isTrue();
    }
    await().atMost(PATIENCE).until(() -> endpoint.bodiesBeingRead() == 0);
    assertThat(signedCommand("trigger-after-cut").statusCode()).isEqualTo(200);
    assertThat(received).containsExactly("trigger-after-cut");
  }

  /** A client that sends a command's headers announcing 1000 bytes, then one byte every 100 ms. */
  private Socket tricklingBody() throws IOException {
    return trickling(
        "POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\n"
            + "Content-Length: 1000\r\n\r\nt");
  }

  private Socket trickling(String start) throws IOException {
    Socket socket = new Socket("127.0.0.1", endpoint.address().getPort());
    sockets.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    trickle.scheduleWithFixedDelay(
        () -> {
          try {
            out.write('a');
            out.flush();
          } catch (IOException e) {
            throw new IllegalStateException("closed", e); // ends this client's trickle
          }
        },
        100,
        100,
        TimeUnit.MILLISECONDS);
    return socket;
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /** Reads until the server closes (end of stream or reset); true when it did without answering. */
  private static boolean closedByServer(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** A signed slash command; the client gives up after Slack's 3 s. */
  private HttpResponse<String> signedCommand(String trigger) throws Exception {
    String body =
        "command="
            + URLEncoder.encode("/deploy", StandardCharsets.UTF_8)
            + "&text=gateway&team_id=T0001&user_id=U0ALICE&channel_id=C0DEPLOYS&trigger_id="
            + trigger;
    String ts = String.valueOf(Instant.now().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/slack/commands"))
            .timeout(ACK)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", ts)
            .header(
                "X-Slack-Signature",
                SlackRequestVerifier.signature(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newBuilder()
        .connectTimeout(ACK)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }
}
