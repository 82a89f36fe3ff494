package dev.deckhand.bot.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Slack Web API on 127.0.0.1 for tests: {@code auth.test}, {@code chat.postMessage}, {@code
 * chat.update}, {@code chat.postEphemeral}, {@code usergroups.users.list} and {@code
 * apps.connections.open} (which hands out a {@link FakeSocketMode} URL, and wants the app-level
 * token), every call recorded. It can answer 429 with Retry-After for the next N calls or for a
 * fraction of the calls of one method. Point the SDK at {@link #methodsUrl()} with {@code
 * SlackConfig#setMethodsEndpointUrlPrefix}. Channel {@code C404} does not exist.
 */
public final class FakeSlack implements AutoCloseable {

  /**
   * One call as it arrived. {@code status} is the HTTP status answered; {@code retryAfter} is set
   * for a 429; {@code posted} is the ts answered for a {@code chat.postMessage}; {@code params} are
   * all the form fields sent.
   */
  public record Call(
      String method,
      String channel,
      String ts,
      String threadTs,
      String text,
      int status,
      Duration retryAfter,
      long nanos,
      String posted,
      Map<String, String> params) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger messages = new AtomicInteger();
  private final Gson gson = new Gson();
  private final Object throttleLock = new Object();
  private int refuseNext;
  private Duration refuseNextFor = Duration.ZERO;
  private String throttledMethod;
  private double throttledFraction;
  private int minSeconds;
  private int maxSeconds;
  private Random random = new Random(0);
  private String refusedMethod;
  private int refuseMethodNext;
  private Duration refuseMethodFor = Duration.ZERO;
  private volatile boolean tokensRevoked;
  private final Map<String, List<String>> userGroups = new ConcurrentHashMap<>();
  private volatile String userGroupError;
  private final AtomicInteger tickets = new AtomicInteger();
  private final FakeSocketMode socketMode;

  public FakeSlack() throws IOException {
    try {
      socketMode = new FakeSocketMode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public String methodsUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** From now on every call is answered {@code invalid_auth}, as for a revoked token. */
  public void revokeTokens() {
    tokensRevoked = true;
  }

  /** The Socket Mode server that {@code apps.connections.open} points to. */
  public FakeSocketMode socketMode() {
    return socketMode;
  }

  /** {@code usergroups.users.list} answers these members for this group from now on. */
  public void userGroup(String id, String... users) {
    userGroups.put(id, List.of(users));
  }

  /** {@code usergroups.users.list} answers this error (null: answers again). */
  public void failUserGroups(String error) {
    userGroupError = error;
  }

  /** Answers the next {@code n} calls, whatever their method, with 429 and this Retry-After. */
  void refuseNext(int n, Duration retryAfter) {
    synchronized (throttleLock) {
      refuseNext = n;
      refuseNextFor = retryAfter;
    }
  }

  /** Answers the next {@code n} calls of {@code method} with 429 and this Retry-After. */
  public void refuseNext(String method, int n, Duration retryAfter) {
    synchronized (throttleLock) {
      refusedMethod = method;
      refuseMethodNext = n;
      refuseMethodFor = retryAfter;
    }
  }

  /**
   * Answers about {@code fraction} of the calls of {@code method} ({@code *}: of every method but
   * {@code auth.test}) with 429 and a Retry-After drawn from {@code minSeconds..maxSeconds},
   * repeatably for a seed.
   */
  public void throttle(String method, double fraction, int minSeconds, int maxSeconds, long seed) {
    synchronized (throttleLock) {
      this.throttledMethod = method;
      this.throttledFraction = fraction;
      this.minSeconds = minSeconds;
      this.maxSeconds = maxSeconds;
      this.random = new Random(seed);
    }
  }

  private Duration refusal(String method) {
    synchronized (throttleLock) {
      if (refuseNext > 0) {
        refuseNext--;
        return refuseNextFor;
      }
      if (refuseMethodNext > 0 && method.equals(refusedMethod)) {
        refuseMethodNext--;
        return refuseMethodFor;
      }
      boolean throttled =
          method.equals(throttledMethod)
              || ("*".equals(throttledMethod) && !method.equals("auth.test"));
      if (throttled && random.nextDouble() < throttledFraction) {
        return Duration.ofSeconds(minSeconds + random.nextInt(maxSeconds - minSeconds + 1));
      }
      return null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Duration refusal = refusal(method);
      int status = refusal == null ? 200 : 429;
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String token = method.equals("apps.connections.open") ? "Bearer xapp-" : "Bearer xoxb-";
      JsonObject answer =
          refusal != null
              ? error("ratelimited")
              : tokensRevoked || auth == null || !auth.startsWith(token)
                  ? error("invalid_auth")
                  : answer(method, form);
      String posted =
          method.equals("chat.postMessage") && answer.has("ts")
              ? answer.get("ts").getAsString()
              : null;
      calls.add(
          new Call(
              method,
              form.get("channel"),
              form.get("ts"),
              form.get("thread_ts"),
              form.get("text"),
              status,
              refusal,
              arrived,
              posted,
              Map.copyOf(form)));
      if (refusal != null) {
        exchange.getResponseHeaders().add("Retry-After", String.valueOf(refusal.toSeconds()));
      }
      respond(exchange, status, answer);
    }
  }

  private JsonObject answer(String method, Map<String, String> form) {
    JsonObject body = new JsonObject();
    String channel = form.get("channel");
    switch (method) {
      case "auth.test" -> {
        body.addProperty("ok", true);
        body.addProperty("url", "https://deckhand-test.slack.com/");
        body.addProperty("team", "Deckhand Test");
        body.addProperty("team_id", "T0001");
        body.addProperty("user", "deckhand");
        body.addProperty("user_id", "U0BOT");
        body.addProperty("bot_id", "B0BOT");
      }
      case "chat.postMessage", "chat.update" -> {
        if (channel == null || channel.equals("C404")) {
          return error("channel_not_found");
        }
        String ts =
            method.equals("chat.update")
                ? form.get("ts")
                : String.format("1767225600.%06d", messages.incrementAndGet());
        body.addProperty("ok", true);
        body.addProperty("channel", channel);
        body.addProperty("ts", ts);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", form.getOrDefault("text", ""));
        message.addProperty("ts", ts);
        body.add("message", message);
      }
      case "chat.postEphemeral" -> {
        if (channel == null || channel.equals("C404") || form.get("user") == null) {
          return error("channel_not_found");
        }
        body.addProperty("ok", true);
        body.addProperty("message_ts", String.format("1767225600.9%05d", messages.get()));
      }
      case "usergroups.users.list" -> {
        List<String> users = userGroups.get(form.getOrDefault("usergroup", ""));
        if (userGroupError != null) {
          return error(userGroupError);
        }
        if (users == null) {
          return error("no_such_subteam");
        }
        body.addProperty("ok", true);
        body.add("users", gson.toJsonTree(users));
      }
      case "apps.connections.open" -> {
        body.addProperty("ok", true);
        body.addProperty("url", socketMode.url(tickets.incrementAndGet()));
      }
      default -> {
        return error("unknown_method");
      }
    }
    return body;
  }

  private static JsonObject error(String code) {
    JsonObject body = new JsonObject();
    body.addProperty("ok", false);
    body.addProperty("error", code);
    return body;
  }

  private void respond(HttpExchange exchange, int status, JsonObject body) throws IOException {
    byte[] bytes = gson.toJson(body).getBytes(StandardCharsets.UTF_8);
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
    socketMode.shutdown();
    server.stop(0);
    threads.shutdownNow();
  }
}
