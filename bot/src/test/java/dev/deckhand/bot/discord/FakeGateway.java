package dev.deckhand.bot.discord;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.data.DataType;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord's gateway on 127.0.0.1 (JSON, no compression): HELLO, IDENTIFY → READY and GUILD_CREATE,
 * heartbeats acknowledged, RESUME → the missed dispatches replayed with their original sequence
 * numbers and RESUMED. Dispatches sent while no client is connected wait for the resume. It can
 * drop the socket without a close frame and replay already delivered dispatches.
 */
final class FakeGateway extends WebSocketServer {
  /** A received op: IDENTIFY (2), RESUME (6), HEARTBEAT (1). */
  record Received(int op, DataObject d) {}

  private record Dispatch(int seq, String type, DataObject data) {}

  private final Supplier<List<Map.Entry<String, DataObject>>> onIdentify;
  private final CountDownLatch started = new CountDownLatch(1);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Dispatch> history = new ArrayList<>();
  private WebSocket current;
  private String sessionId;
  private int seq;
  private int replayExtra;
  private boolean away;

  /**
   * @param onIdentify the dispatches that follow an IDENTIFY, as type → data (READY first)
   */
  FakeGateway(Supplier<List<Map.Entry<String, DataObject>>> onIdentify) {
    super(new InetSocketAddress("127.0.0.1", 0));
    this.onIdentify = onIdentify;
    setReuseAddr(true);
  }

  void startAndWait() throws InterruptedException {
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("fake gateway did not start");
    }
  }

  String url() {
    return "ws://127.0.0.1:" + getPort() + "/";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  synchronized String sessionId() {
    return sessionId;
  }

  synchronized boolean connected() {
    return current != null && current.isOpen();
  }

  /** Sends a dispatch now, or keeps it for the next RESUME while no client is connected. */
  synchronized int dispatch(String type, DataObject data) {
    Dispatch d = new Dispatch(++seq, type, data);
    history.add(d);
    if (connected() && !away) {
      send(current, d);
    }
    return d.seq();
  }

  /**
   * Closes the socket abruptly, as a network failure would: no close frame, the session stays.
   * Dispatches from now on wait for the client's RESUME, even if it reconnects at once.
   */
  synchronized void drop() {
    if (current != null) {
      current.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
      current = null;
    }
    away = true;
  }

  /** On the next RESUME, also replay the last {@code n} dispatches the client already had. */
  synchronized void replayAlreadyDelivered(int n) {
    replayExtra = n;
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public synchronized void onOpen(WebSocket conn, ClientHandshake handshake) {
    current = conn;
    conn.send(
        DataObject.empty()
            .put("op", 10)
            .put("d", DataObject.empty().put("heartbeat_interval", 41250))
            .toString());
  }

  @Override
  public synchronized void onMessage(WebSocket conn, String message) {
    DataObject payload = DataObject.fromJson(message);
    int op = payload.getInt("op");
    DataObject d =
        payload.isType("d", DataType.OBJECT) ? payload.getObject("d") : DataObject.empty();
    received.add(new Received(op, d));
    switch (op) {
      case 1 -> conn.send("{\"op\":11}");
      case 2 -> identify();
      case 6 -> resume(conn, d);
      default -> {}
    }
  }

  private void identify() {
    sessionId = UUID.randomUUID().toString();
    seq = 0;
    history.clear();
    for (Map.Entry<String, DataObject> dispatch : onIdentify.get()) {
      DataObject data = dispatch.getValue();
      if ("READY".equals(dispatch.getKey())) {
        data.put("session_id", sessionId).put("resume_gateway_url", url());
      }
      dispatch(dispatch.getKey(), data);
    }
  }

  private void resume(WebSocket conn, DataObject d) {
    if (sessionId == null || !sessionId.equals(d.getString("session_id", ""))) {
      conn.send("{\"op\":9,\"d\":false}");
      return;
    }
    long clientSeq = d.getLong("seq", 0);
    int from = (int) Math.max(0, clientSeq - replayExtra);
    replayExtra = 0;
    away = false;
    for (Dispatch past : List.copyOf(history)) {
      if (past.seq() > from) {
        send(conn, past);
      }
    }
    conn.send(
        DataObject.empty()
            .put("op", 0)
            .put("t", "RESUMED")
            .put("s", ++seq)
            .put("d", DataObject.empty())
            .toString());
  }

  private static void send(WebSocket conn, Dispatch d) {
    conn.send(
        DataObject.empty()
            .put("op", 0)
            .put("t", d.type())
            .put("s", d.seq())
            .put("d", d.data())
            .toString());
  }

  @Override
  public synchronized void onClose(WebSocket conn, int code, String reason, boolean remote) {
    if (conn == current) {
      current = null;
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    // a dropped socket reports here too; the test asserts on behaviour, not on this
  }
}
