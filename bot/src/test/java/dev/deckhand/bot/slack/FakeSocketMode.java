package dev.deckhand.bot.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode server on 127.0.0.1 for tests: says {@code hello} to every connection, sends
 * envelopes ({@code slash_commands}, {@code events_api}) to the newest open connection, records
 * every acknowledgement by {@code envelope_id}, and can drop every connection. {@link FakeSlack}
 * hands out its URL from {@code apps.connections.open}.
 */
public final class FakeSocketMode extends WebSocketServer {
  private final CountDownLatch started = new CountDownLatch(1);
  private final List<WebSocket> open = new CopyOnWriteArrayList<>();
  private final List<String> acks = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  FakeSocketMode() throws InterruptedException {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
    setDaemon(true);
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the fake Socket Mode server did not start");
    }
  }

  /** A fresh URL, as {@code apps.connections.open} gives one per connection. */
  String url(int ticket) {
    return "ws://127.0.0.1:" + getPort() + "/link/?ticket=" + ticket;
  }

  /** Connections accepted so far (a reconnect adds one). */
  public int connections() {
    return connections.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return (int) open.stream().filter(WebSocket::isOpen).count();
  }

  /** The envelope ids acknowledged, in order, repeats included. */
  public List<String> acks() {
    return List.copyOf(acks);
  }

  /** Sends a slash command envelope; {@code fields} are the slash command's form fields. */
  public void slashCommand(String envelopeId, Map<String, String> fields) {
    JsonObject payload = new JsonObject();
    fields.forEach(payload::addProperty);
    JsonObject envelope = new JsonObject();
    envelope.addProperty("envelope_id", envelopeId);
    envelope.addProperty("type", "slash_commands");
    envelope.addProperty("accepts_response_payload", true);
    envelope.add("payload", payload);
    send(envelope);
  }

  /** Sends an Events API envelope around an {@code event_callback} payload. */
  public void event(String envelopeId, String eventCallback, int retryAttempt) {
    JsonObject envelope = new JsonObject();
    envelope.addProperty("envelope_id", envelopeId);
    envelope.addProperty("type", "events_api");
    envelope.addProperty("accepts_response_payload", false);
    envelope.addProperty("retry_attempt", retryAttempt);
    envelope.addProperty("retry_reason", retryAttempt == 0 ? "" : "timeout");
    envelope.add("payload", JsonParser.parseString(eventCallback));
    send(envelope);
  }

  private void send(JsonObject envelope) {
    WebSocket newest =
        open.stream()
            .filter(WebSocket::isOpen)
            .reduce((a, b) -> b)
            .orElseThrow(() -> new IllegalStateException("no Socket Mode connection is open"));
    newest.send(envelope.toString());
  }

  /** Closes every connection abruptly, as a network failure would. */
  public void dropAll() {
    for (WebSocket ws : open) {
      ws.closeConnection(1006, "dropped by the test");
    }
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    connections.incrementAndGet();
    open.add(conn);
    conn.send(
        "{\"type\":\"hello\",\"num_connections\":1,"
            + "\"debug_info\":{\"host\":\"fake\",\"approximate_connection_time\":3600},"
            + "\"connection_info\":{\"app_id\":\"A0001\"}}");
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    open.remove(conn);
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    var parsed = JsonParser.parseString(message);
    if (parsed.isJsonObject() && parsed.getAsJsonObject().has("envelope_id")) {
      acks.add(parsed.getAsJsonObject().get("envelope_id").getAsString());
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    // a client that goes away mid-frame; the test sees it as a missing ack
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  void shutdown() {
    try {
      stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
