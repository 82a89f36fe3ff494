package dev.deckhand.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's HTTP mode on a JDK {@link HttpServer} (not {@code bolt-jetty}, which binds every
 * interface): {@code POST /slack/commands} and {@code POST /slack/events} become Bolt requests run
 * by the one {@link App}, whose middleware verifies the signature first (401 and nothing run
 * otherwise). Bodies above {@link #MAX_BODY} get 413, other methods 405. The listeners hand the
 * work to the dispatcher, which returns at once, so the answer is immediate.
 */
final class SlackHttpEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);

  /** Bodies above this are refused: slash commands and events are a few kilobytes. */
  static final int MAX_BODY = 64 * 1024;

  /**
   * Threads answering requests: an answer only verifies the signature and hands the work over, a
   * millisecond or two, so two keep up with bursts of 100 requests a second; the second is there so
   * that one slow client sending its body cannot hold up every acknowledgement.
   */
  static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService threads;
  private final App app;
  private final SlackRequestParser parser;

  /**
   * Binds the address (port 0 picks a free one); {@link #start()} then serves.
   *
   * @throws IOException when the address cannot be bound
   */
  SlackHttpEndpoint(InetSocketAddress address, App app) throws IOException {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.server = HttpServer.create(address, 0);
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "slack-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.createContext("/slack/commands", this::serve);
    server.createContext("/slack/events", this::serve);
    server.setExecutor(threads);
  }

  void start() {
    app.start();
    server.start();
  }

  /** The address bound, with the port actually chosen. */
  InetSocketAddress address() {
    return server.getAddress();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Optional<byte[]> body = read(exchange.getRequestBody());
      if (body.isEmpty()) {
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      String retry = exchange.getRequestHeaders().getFirst("X-Slack-Retry-Num");
      if (retry != null) {
        log.info(
            "Slack retry {} ({}) of a request to {}",
            retry,
            exchange.getRequestHeaders().getFirst("X-Slack-Retry-Reason"),
            exchange.getRequestURI().getPath());
      }
      Response response;
      try {
        response = run(exchange, new String(body.get(), StandardCharsets.UTF_8));
      } catch (Exception e) {
        log.error("could not hand over a Slack request to {}", exchange.getRequestURI(), e);
        response = Response.builder().statusCode(500).build();
      }
      respond(exchange, response);
    }
  }

  private Response run(HttpExchange exchange, String body) throws Exception {
    Request<?> request =
        parser.parse(
            SlackRequestParser.HttpRequest.builder()
                .requestUri(exchange.getRequestURI().getPath())
                .queryString(Map.of())
                .headers(new RequestHeaders(exchange.getRequestHeaders()))
                .requestBody(body)
                .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                .build());
    if (request == null) {
      return Response.builder().statusCode(400).build();
    }
    return app.run(request);
  }

  private static Optional<byte[]> read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
  }

  private static void respond(HttpExchange exchange, Response response) throws IOException {
    String body = response.getBody();
    if (body == null || body.isEmpty()) {
      exchange.sendResponseHeaders(response.getStatusCode(), -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String type = response.getContentType();
    exchange
        .getResponseHeaders()
        .add("Content-Type", type == null ? "text/plain; charset=utf-8" : type);
    exchange.sendResponseHeaders(response.getStatusCode(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    app.stop();
    threads.shutdown();
    try {
      if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
