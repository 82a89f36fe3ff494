package dev.deckhand.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A token service on its own 127.0.0.1 port, apart from the registry it issues tokens for: answers
 * every {@code GET} with a fresh token, hands that token to {@code issued} and records the {@code
 * Authorization} header of each request ("" when there was none).
 */
final class TokenPeer implements AutoCloseable {
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final HttpServer server;

  TokenPeer(Consumer<String> onIssue) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> handle(ex, onIssue));
    server.start();
  }

  /** {@code http://127.0.0.1:PORT/auth/token}. */
  URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/auth/token");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex, Consumer<String> onIssue) throws IOException {
    try (ex) {
      String given = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(given == null ? "" : given);
      String token = "far-" + issued.incrementAndGet();
      onIssue.accept(token);
      byte[] body = ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }
}
