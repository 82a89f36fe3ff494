package dev.deckhand.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's side of Socket Mode on 127.0.0.1, and the P1/P2 driver for it: in Socket Mode Slack
 * pushes to the app, so the load comes from here. {@link FakeSlackApi} answers {@code
 * apps.connections.open} with {@link #url}, one URL per app-level token; every connection is
 * greeted with {@code hello}; {@link #send} pushes a {@code slash_commands} envelope to the newest
 * connection of a token and completes when the acknowledgement with its {@code envelope_id} comes
 * back. Latency is from handing the envelope to the socket to reading its ack, both on the
 * harness's clock. Thread-safe; {@link #close()} stops the server.
 */
final class SocketModeSlack implements AutoCloseable {
  private static final Duration ACK_BOUND = Duration.ofSeconds(10);

  private final Server server = new Server();
  private final Map<String, WebSocket> newest = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> connected = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger envelopes = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();

  SocketModeSlack() throws InterruptedException {
    server.setReuseAddr(true);
    server.start();
    if (!server.started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the Socket Mode server did not start within 10 s");
    }
  }

  /** What {@code apps.connections.open} hands out for an app-level token. */
  String url(String appToken) {
    return "ws://127.0.0.1:"
        + server.getPort()
        + "/link/?app="
        + java.net.URLEncoder.encode(appToken, StandardCharsets.UTF_8)
        + "&ticket="
        + connections.incrementAndGet();
  }

  /** Waits (bounded) until an app with this token has said it is connected (got its hello). */
  void awaitConnected(String appToken, Duration bound)
      throws InterruptedException, TimeoutException {
    try {
      connection(appToken).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private CompletableFuture<Void> connection(String appToken) {
    return connected.computeIfAbsent(appToken, k -> new CompletableFuture<>());
  }

  /**
   * Pushes {@code /deckhand <text>} from {@code user} to the app's newest connection; completes
   * with the microseconds to its ack, or -1 when none came within 10 s or there is no connection.
   */
  CompletableFuture<Long> send(String appToken, String text, String user, String trigger) {
    WebSocket conn = newest.get(appToken);
    if (conn == null || !conn.isOpen()) {
      return CompletableFuture.completedFuture(-1L);
    }
    String id = "bench-env-" + envelopes.incrementAndGet();
    JsonObject payload = new JsonObject();
    for (String pair : SlashCommands.form("/deckhand", text, user, trigger).split("&")) {
      int eq = pair.indexOf('=');
      payload.addProperty(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    JsonObject envelope = new JsonObject();
    envelope.addProperty("envelope_id", id);
    envelope.addProperty("type", "slash_commands");
    envelope.addProperty("accepts_response_payload", true);
    envelope.add("payload", payload);
    String frame = envelope.toString();
    CompletableFuture<Long> acked = new CompletableFuture<>();
    pending.put(id, acked);
    long sent = System.nanoTime();
    conn.send(frame);
    return acked
        .thenApply(at -> (at - sent) / 1000)
        .completeOnTimeout(-1L, ACK_BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((v, e) -> pending.remove(id));
  }

  /** The P1 load of {@link LoadGen}, pushed from here: see {@link OpenLoop}. */
  List<String> drive(
      String appToken,
      String label,
      int rate,
      int seconds,
      int bursts,
      int burstSize,
      long gapMillis)
      throws InterruptedException {
    return OpenLoop.drive(
        trigger -> send(appToken, "whoami", SlashCommands.USER, trigger),
        label,
        rate,
        seconds,
        bursts,
        burstSize,
        gapMillis);
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(2000);
  }

  private final class Server extends WebSocketServer {
    final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

    Server() {
      super(new InetSocketAddress("127.0.0.1", 0), 1);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      String query = URI.create(handshake.getResourceDescriptor()).getRawQuery();
      String app = "";
      for (String pair : query == null ? new String[0] : query.split("&")) {
        if (pair.startsWith("app=")) {
          app = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
        }
      }
      conn.setAttachment(app);
      newest.put(app, conn);
      conn.send(
          "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"bench\","
              + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":"
              + "\"A0BENCH\"}}");
      connection(app).complete(null);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      long at = System.nanoTime();
      try {
        JsonElement parsed = JsonParser.parseString(message);
        if (parsed.isJsonObject() && parsed.getAsJsonObject().has("envelope_id")) {
          CompletableFuture<Long> acked =
              pending.get(parsed.getAsJsonObject().get("envelope_id").getAsString());
          if (acked != null) {
            acked.complete(at);
          }
        }
      } catch (RuntimeException e) {
        // not JSON: not an ack
      }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      newest.remove(String.valueOf((Object) conn.getAttachment()), conn);
    }

    @Override
    public void onError(WebSocket conn, Exception e) {
      // a connection's error closes it; the app reconnects through apps.connections.open
    }

    @Override
    public void onStart() {
      started.countDown();
    }
  }
}
