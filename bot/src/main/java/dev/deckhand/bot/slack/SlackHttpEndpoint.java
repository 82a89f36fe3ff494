package dev.deckhand.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's HTTP mode on a JDK {@link HttpServer} (not {@code bolt-jetty}, which binds every
 * interface): {@code POST /slack/commands} and {@code POST /slack/events} become Bolt requests run
 * by the one {@link App}, whose middleware verifies the signature first (401 and nothing run
 * otherwise). Bodies above {@link #MAX_BODY} get 413, other methods 405. The listeners hand the
 * work to the dispatcher, which returns at once, so the answer is immediate.
 *
 * <p>Slow clients cannot stall it: the request line and headers must arrive within {@link
 * Limits#headers()}, the body within {@link Limits#body()} (else the connection is closed, see
 * {@link ReadDeadlines}); at most {@link Limits#bodies()} bodies still arriving are read at once,
 * and a request beyond that is answered 503 at once rather than queued (a body complete at its
 * first read, as Slack sends it, needs no slot). A request that has been read needs a thread for a
 * millisecond or two, so the {@link Limits#threads()} beyond the bodies being read keep
 * acknowledging signed commands while slow clients hold the others until their deadline.
 */
final class SlackHttpEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);

  /** Bodies above this are refused: slash commands and events are a few kilobytes. */
  static final int MAX_BODY = 64 * 1024;

  /**
   * How the endpoint bounds slow clients.
   *
   * @param threads requests served at once, headers being read included
   * @param bodies bodies read at once; fewer than {@code threads}, so that slow bodies always leave
   *     threads free
   * @param headers how long the request line and headers may take
   * @param body how long the body may take once the headers are in
   */
  record Limits(int threads, int bodies, Duration headers, Duration body) {
    /**
     * Slack sends a few kilobytes at once and waits 3 s for the answer: 2 s for each part is
     * generous for Slack and short for a client that trickles. 16 threads and 8 bodies: however
     * many bodies trickle, 8 threads stay free, and a signed command needs one for a millisecond or
     * two. A client slow to send its headers (or the first bytes of its body) holds a thread too,
     * for at most its deadline; more of those at once than threads is a flood, for the reverse
     * proxy in front.
     */
    static final Limits DEFAULT = new Limits(16, 8, Duration.ofSeconds(2), Duration.ofSeconds(2));

    Limits {
      if (bodies < 1 || threads <= bodies) {
        throw new IllegalArgumentException(
            "need 1 <= bodies < threads: " + bodies + ", " + threads);
      }
    }
  }

  private final HttpServer server;
  private final ReadDeadlines threads;
  private final Semaphore bodies;
  private final Limits limits;
  private final App app;
  private final SlackRequestParser parser;

  /**
   * Binds the address (port 0 picks a free one); {@link #start()} then serves.
   *
   * @throws IOException when the address cannot be bound
   */
  SlackHttpEndpoint(InetSocketAddress address, App app, Limits limits) throws IOException {
    this.app = app;
    this.limits = limits;
    this.parser = new SlackRequestParser(app.config());
    this.server = HttpServer.create(address, 0);
    this.threads = new ReadDeadlines(limits.threads(), limits.headers());
    this.bodies = new Semaphore(limits.bodies());
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
      byte[] body = body(exchange);
      if (body == null) {
        return; // answered 503 or 413, or closed at its deadline
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
        response = run(exchange, new String(body, StandardCharsets.UTF_8));
      } catch (Exception e) {
        log.error("could not hand over a Slack request to {}", exchange.getRequestURI(), e);
        response = Response.builder().statusCode(500).build();
      }
      respond(exchange, response);
    }
  }

  /**
   * The body, or null when the request has been answered (503: too many bodies are still arriving;
   * 413: too large) or its connection closed (the deadline passed, or the client went away). The
   * first read takes what has come (Slack sends a body of a few kilobytes at once, with its
   * headers); a body that is not complete then takes one of the {@link Limits#bodies()} slots while
   * the rest arrives, or is answered 503 when there is none.
   */
  private byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long expected = contentLength(exchange);
    boolean slot = false;
    try {
      threads.bodyDeadline(limits.body());
      for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
        body.write(chunk, 0, n);
        if (body.size() > MAX_BODY) {
          break;
        }
        if (!slot && (expected < 0 || body.size() < expected)) {
          if (!bodies.tryAcquire()) {
            threads.bodyRead();
            log.warn(
                "{} request bodies are arriving slowly already; answered 503 to {}",
                limits.bodies(),
                exchange.getRemoteAddress());
            exchange.sendResponseHeaders(503, -1);
            return null;
          }
          slot = true;
        }
      }
    } catch (IOException e) {
      threads.bodyRead();
      return null;
    } finally {
      if (slot) {
        bodies.release();
      }
    }
    if (!threads.bodyRead()) {
      return null;
    }
    if (body.size() > MAX_BODY) {
      exchange.sendResponseHeaders(413, -1);
      return null;
    }
    return body.toByteArray();
  }

  /** The announced length, -1 when there is none (chunked) or it is not a number. */
  private static long contentLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
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

  /** Bodies being read now (for tests). */
  int bodiesBeingRead() {
    return limits.bodies() - bodies.availablePermits();
  }

  @Override
  public void close() {
    server.stop(0);
    app.stop();
    threads.close();
  }
}
