package dev.deckhand.bot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on loopback for each test: started before it with the routes {@code routes}
 * adds, stopped after it. Register it as {@code @RegisterExtension final LoopbackHttp server = new
 * LoopbackHttp(s -> s.answer("/ok", 200, "{}"));}.
 */
public final class LoopbackHttp implements BeforeEachCallback, AfterEachCallback {
  private final Consumer<LoopbackHttp> routes;
  private HttpServer server;

  public LoopbackHttp(Consumer<LoopbackHttp> routes) {
    this.routes = routes;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    routes.accept(this);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Handles {@code path} with {@code handler}. */
  public void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** Answers {@code path} with {@code status} and {@code body}. */
  public void answer(String path, int status, String body) {
    route(path, exchange -> send(exchange, status, body));
  }

  /** Answers {@code path} with {@code status} and {@code body} after {@code delay}. */
  public void answerAfter(Duration delay, String path, int status, String body) {
    route(
        path,
        exchange -> {
          sleep(delay); // the server side of a slow answer, not a test wait
          send(exchange, status, body);
        });
  }

  /** Holds a request to {@code path} for {@code delay}, then closes it without an answer. */
  public void stall(String path, Duration delay) {
    route(
        path,
        exchange -> {
          sleep(delay); // the server side of a timeout, not a test wait
          exchange.close();
        });
  }

  /** Writes {@code status} and {@code body} (UTF-8) and ends the exchange. */
  public static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** The URL of {@code path} on this server. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** A loopback port that was free a moment ago and where nothing listens. */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
