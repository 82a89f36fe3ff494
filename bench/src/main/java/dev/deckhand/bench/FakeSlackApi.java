package dev.deckhand.bench;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Slack Web API the bot (and the bare Bolt baseline) talk to, on 127.0.0.1: answers {@code
 * auth.test}, {@code chat.postMessage}, {@code chat.update} and {@code apps.connections.open}
 * (pointing at its {@link SocketModeSlack}), records every call with its arrival time ({@link
 * System#nanoTime()}, the harness's clock) and can refuse a fraction of the chat calls with 429 and
 * a Retry-After. It never waits: a 429 is answered at once. Thread-safe.
 */
final class FakeSlackApi implements AutoCloseable {

  /** One call as it arrived; {@code body} is the text and the blocks, for searching. */
  record Call(
      String method,
      String channel,
      String ts,
      String threadTs,
      String text,
      String body,
      int status,
      int retryAfterSeconds,
      long arrivedNanos,
      int inFlightForMessage) {
    boolean ok() {
      return status == 200;
    }
  }

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(8, Daemon.named("fake-slack"));
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger messages = new AtomicInteger();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Object throttle = new Object();
  private double refusedFraction;
  private int minRetryAfter;
  private int maxRetryAfter;
  private Random random = new Random(0);
  private final SocketModeSlack socketMode;

  FakeSlackApi() throws IOException, InterruptedException {
    socketMode = new SocketModeSlack();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/api/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Slack's Socket Mode side, where {@code apps.connections.open} points. */
  SocketModeSlack socketMode() {
    return socketMode;
  }

  String methodsUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /**
   * From now on about {@code fraction} of {@code chat.*} calls are answered 429 with a Retry-After
   * of {@code min..max} seconds, repeatably for a seed; fraction 0 turns it off.
   */
  void throttle(double fraction, int min, int max, long seed) {
    synchronized (throttle) {
      refusedFraction = fraction;
      minRetryAfter = min;
      maxRetryAfter = max;
      random = new Random(seed);
    }
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(Predicate<Call> filter) {
    return calls.stream().filter(filter).toList();
  }

  private int refusal(String method) {
    if (!method.startsWith("chat.")) {
      return 0;
    }
    synchronized (throttle) {
      if (refusedFraction > 0 && random.nextDouble() < refusedFraction) {
        return minRetryAfter + random.nextInt(maxRetryAfter - minRetryAfter + 1);
      }
      return 0;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = form(raw);
      String ts = form.get("ts");
      AtomicInteger concurrent =
          method.equals("chat.update") && ts != null
              ? inFlight.computeIfAbsent(ts, k -> new AtomicInteger())
              : new AtomicInteger();
      int during = concurrent.incrementAndGet();
      try {
        int retryAfter = refusal(method);
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        JsonObject answer =
            retryAfter > 0
                ? error("ratelimited")
                : method.equals("apps.connections.open")
                    ? connectionsOpen(bearer)
                    : answer(method, form);
        String posted =
            method.equals("chat.postMessage") && answer.has("ts")
                ? answer.get("ts").getAsString()
                : ts;
        calls.add(
            new Call(
                method,
                form.get("channel"),
                posted,
                form.get("thread_ts"),
                form.getOrDefault("text", ""),
                form.getOrDefault("text", "") + "\n" + form.getOrDefault("blocks", ""),
                retryAfter > 0 ? 429 : 200,
                retryAfter,
                arrived,
                during));
        if (retryAfter > 0) {
          exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
        }
        respond(exchange, retryAfter > 0 ? 429 : 200, answer);
      } finally {
        concurrent.decrementAndGet();
      }
    }
  }

  private JsonObject answer(String method, Map<String, String> form) {
    JsonObject body = new JsonObject();
    switch (method) {
      case "auth.test" -> {
        body.addProperty("ok", true);
        body.addProperty("url", "https://bench.slack.invalid/");
        body.addProperty("team", "Bench");
        body.addProperty("team_id", SlashCommands.TEAM);
        body.addProperty("user", "deckhand");
        body.addProperty("user_id", "U0BOT");
        body.addProperty("bot_id", "B0BOT");
      }
      case "chat.postMessage", "chat.update" -> {
        String ts =
            method.equals("chat.update")
                ? form.get("ts")
                : String.format("1767225600.%06d", messages.incrementAndGet());
        body.addProperty("ok", true);
        body.addProperty("channel", form.get("channel"));
        body.addProperty("ts", ts);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", form.getOrDefault("text", ""));
        message.addProperty("ts", ts);
        body.add("message", message);
      }
      default -> {
        return error("unknown_method");
      }
    }
    return body;
  }

  /** Socket Mode: a URL per app-level token, as Slack hands out one per connection. */
  private JsonObject connectionsOpen(String bearer) {
    if (bearer == null || !bearer.startsWith("Bearer xapp-")) {
      return error("not_allowed_token_type");
    }
    JsonObject body = new JsonObject();
    body.addProperty("ok", true);
    body.addProperty("url", socketMode.url(bearer.substring("Bearer ".length())));
    return body;
  }

  private static JsonObject error(String code) {
    JsonObject body = new JsonObject();
    body.addProperty("ok", false);
    body.addProperty("error", code);
    return body;
  }

  private static void respond(HttpExchange exchange, int status, JsonObject body)
      throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      socketMode.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
