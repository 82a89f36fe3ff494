package dev.deckhand.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Prometheus HTTP API peer on 127.0.0.1 for the *IT tests: answers each query (by its
 * decoded PromQL text) with the status, headers and body scripted for it, after an optional delay;
 * an unscripted query gets a {@code bad_data} 400 as Prometheus would. Records every request.
 */
final class FakePrometheus implements AutoCloseable {

  /** One request as the fake saw it: the raw path and query, the decoded PromQL. */
  record Request(
      String method, String path, String rawQuery, String promql, String authorization) {}

  /** What to answer to one query. */
  record Answer(int status, String body, Map<String, String> headers, Duration delay) {
    static Answer ok(String body) {
      return new Answer(200, body, Map.of(), Duration.ZERO);
    }

    Answer withHeader(String name, String value) {
      var all = new java.util.LinkedHashMap<>(headers);
      all.put(name, value);
      return new Answer(status, body, all, delay);
    }

    Answer after(Duration wait) {
      return new Answer(status, body, headers, wait);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpServer server;

  FakePrometheus() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Like {@code http://127.0.0.1:41235}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void script(String promql, Answer answer) {
    answers.put(promql, answer);
  }

  /** A one-series vector. */
  static String vector(String labels, String value) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
        + labels
        + ",\"value\":[1733450000.123,\""
        + value
        + "\"]}]}}";
  }

  static String error(String type, String message) {
    return "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String raw = exchange.getRequestURI().getRawQuery();
      String promql = null;
      if (raw != null) {
        for (String pair : raw.split("&")) {
          if (pair.startsWith("query=")) {
            promql = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
          }
        }
      }
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              raw,
              promql,
              exchange.getRequestHeaders().getFirst("Authorization")));
      Answer answer = promql == null ? null : answers.get(promql);
      if (answer == null) {
        answer = new Answer(400, error("bad_data", "unscripted query"), Map.of(), Duration.ZERO);
      }
      if (!answer.delay().isZero()) {
        // a slow server: wait out the delay, or until the test ends
        try {
          released.await(answer.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException e) {
        // the client gave up waiting (the timeout test)
      }
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
