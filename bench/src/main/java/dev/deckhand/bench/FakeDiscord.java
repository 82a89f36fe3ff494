package dev.deckhand.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord on 127.0.0.1 for the benchmark, and the P1/P2 driver for it: the REST API under {@code
 * /api/v10/} (what JDA calls: {@code users/@me}, {@code gateway}, guild commands, interaction
 * callbacks, webhook follow-ups and channel messages) and a gateway websocket (JSON, no
 * compression: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats acknowledged, RESUME refused so
 * that the client identifies afresh). Every bot is told apart by its token, so the bot and the bare
 * JDA baseline share one fake. {@link #interact} pushes a slash command (INTERACTION_CREATE, a
 * fresh snowflake id) to the token's newest gateway connection and completes when its deferral
 * (callback of type 5) arrives at the REST API, both on the harness's clock. REST calls other than
 * callbacks are recorded for P2. Thread-safe; {@link #close()} stops both servers.
 */
final class FakeDiscord implements AutoCloseable {
  static final long EPOCH = 1420070400000L;
  private static final AtomicLong COUNTER = new AtomicLong();
  static final String GUILD = snowflake();
  static final String CHANNEL = snowflake();

  /** The member every command comes from (the catalog's role lists it). */
  static final String USER = snowflake();

  private static final Duration ACK_BOUND = Duration.ofSeconds(10);
  private static final String JOINED = "2026-01-01T00:00:00.000000+00:00";

  /** One REST call as it arrived: {@code path} below {@code /api/v10/}, the body as text. */
  record Call(String method, String path, String body, long arrivedNanos) {}

  /** A pushed interaction: its id and token, when it was handed to the socket, its deferral. */
  record Interaction(String id, String token, long sentNanos, CompletableFuture<Long> deferred) {}

  private final HttpServer http;
  private final ExecutorService pool = Executors.newFixedThreadPool(8, Daemon.named("discord-api"));
  private final Gateway gateway = new Gateway();
  private final Map<String, String> botIds = new ConcurrentHashMap<>();
  private final Map<String, WebSocket> newest = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> ready = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger callbacks = new AtomicInteger();
  private final AtomicInteger notDeferrals = new AtomicInteger();

  FakeDiscord() throws IOException, InterruptedException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/api/v10/", this::handle);
    http.setExecutor(pool);
    http.start();
    gateway.setReuseAddr(true);
    gateway.start();
    if (!gateway.started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the fake Discord gateway did not start within 10 s");
    }
  }

  static String snowflake() {
    return Long.toUnsignedString(
        ((System.currentTimeMillis() - EPOCH) << 22) | (COUNTER.incrementAndGet() & 0x3FFFFF));
  }

  String apiUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + gateway.getPort() + "/";
  }

  /** Waits (bounded) until a client with this token has had its READY. */
  void awaitReady(String token, Duration bound) throws InterruptedException, TimeoutException {
    try {
      readiness(token).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private CompletableFuture<Void> readiness(String token) {
    return ready.computeIfAbsent(token, k -> new CompletableFuture<>());
  }

  List<Call> calls(Predicate<Call> filter) {
    return calls.stream().filter(filter).toList();
  }

  /** Callbacks that arrived, and those of them that were not a deferral (type 5). */
  int callbacks() {
    return callbacks.get();
  }

  int notDeferrals() {
    return notDeferrals.get();
  }

  /**
   * Pushes {@code /command} with string/boolean {@code options} from {@link #USER} to the newest
   * connection of {@code token}; its {@code deferred} completes with the microseconds to the type-5
   * callback, or -1 when none came within 10 s or there is no connection.
   */
  Interaction interact(String token, String command, Map<String, Object> options) {
    String id = snowflake();
    String interactionToken = "bench-" + id;
    WebSocket conn = newest.get(token);
    if (conn == null || !conn.isOpen()) {
      return new Interaction(
          id, interactionToken, System.nanoTime(), CompletableFuture.completedFuture(-1L));
    }
    JsonArray opts = new JsonArray();
    options.forEach(
        (name, value) -> {
          JsonObject o = new JsonObject();
          o.addProperty("name", name);
          o.addProperty("type", value instanceof Boolean ? 5 : 3);
          if (value instanceof Boolean b) {
            o.addProperty("value", b);
          } else {
            o.addProperty("value", String.valueOf(value));
          }
          opts.add(o);
        });
    JsonObject data = new JsonObject();
    data.addProperty("id", snowflake());
    data.addProperty("name", command);
    data.addProperty("type", 1);
    data.addProperty("guild_id", GUILD);
    data.add("options", opts);
    JsonObject guild = new JsonObject();
    guild.addProperty("id", GUILD);
    guild.addProperty("locale", "en-US");
    guild.add("features", new JsonArray());
    JsonObject owners = new JsonObject();
    owners.addProperty("0", GUILD);
    JsonObject i = new JsonObject();
    i.addProperty("id", id);
    i.addProperty("application_id", botIds.get(token));
    i.addProperty("type", 2);
    i.addProperty("token", interactionToken);
    i.addProperty("version", 1);
    i.addProperty("guild_id", GUILD);
    i.add("guild", guild);
    i.addProperty("channel_id", CHANNEL);
    i.add("channel", channel());
    i.add("member", member(user(USER, "bench-user", false)));
    i.add("data", data);
    i.addProperty("locale", "en-US");
    i.addProperty("guild_locale", "en-US");
    i.addProperty("app_permissions", "8");
    i.add("entitlements", new JsonArray());
    i.add("authorizing_integration_owners", owners);
    i.addProperty("context", 0);
    i.addProperty("attachment_size_limit", 8388608);
    CompletableFuture<Long> arrived = new CompletableFuture<>();
    pending.put(id, arrived);
    long sent = System.nanoTime();
    ((Session) conn.getAttachment()).dispatch(conn, "INTERACTION_CREATE", i);
    CompletableFuture<Long> deferred =
        arrived
            .thenApply(at -> (at - sent) / 1000)
            .completeOnTimeout(-1L, ACK_BOUND.toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete((v, e) -> pending.remove(id));
    return new Interaction(id, interactionToken, sent, deferred);
  }

  /** The P1 load, pushed from here as {@code /whoami} interactions: see {@link OpenLoop}. */
  List<String> drive(
      String token, String label, int rate, int seconds, int bursts, int burstSize, long gapMillis)
      throws InterruptedException {
    return OpenLoop.drive(
        trigger -> interact(token, "whoami", Map.of()).deferred(),
        label,
        rate,
        seconds,
        bursts,
        burstSize,
        gapMillis);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long at = System.nanoTime();
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath().substring("/api/v10/".length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      String token = auth.startsWith("Bot ") ? auth.substring(4) : auth;
      if (path.startsWith("interactions/") && path.endsWith("/callback")) {
        callbacks.incrementAndGet();
        String id = path.split("/")[1];
        boolean deferral = body.replace(" ", "").contains("\"type\":5");
        CompletableFuture<Long> p = pending.get(id);
        if (!deferral) {
          notDeferrals.incrementAndGet();
        } else if (p != null) {
          p.complete(at);
        }
        answer(exchange, 200, "{}");
        return;
      }
      calls.add(new Call(method, path, body, at));
      answer(exchange, 200, respond(method, path, body, token));
    }
  }

  private String respond(String method, String path, String body, String token) {
    if (path.equals("users/@me")) {
      return user(botId(token), "deckhand-bench", true).toString();
    }
    if (path.startsWith("gateway")) {
      JsonObject limit = new JsonObject();
      limit.addProperty("total", 1000);
      limit.addProperty("remaining", 1000);
      limit.addProperty("reset_after", 0);
      limit.addProperty("max_concurrency", 1);
      JsonObject g = new JsonObject();
      g.addProperty("url", gatewayUrl());
      g.addProperty("shards", 1);
      g.add("session_start_limit", limit);
      return g.toString();
    }
    if (path.matches("applications/\\d+/guilds/\\d+/commands")) {
      JsonArray out = new JsonArray();
      JsonElement in = body.isBlank() ? new JsonArray() : JsonParser.parseString(body);
      for (JsonElement c : in.isJsonArray() ? in.getAsJsonArray() : new JsonArray()) {
        JsonObject o = c.getAsJsonObject();
        o.addProperty("id", snowflake());
        o.addProperty("application_id", botId(token));
        o.addProperty("guild_id", GUILD);
        o.addProperty("version", snowflake());
        o.addProperty("nsfw", false);
        out.add(o);
      }
      return out.toString();
    }
    if (path.contains("/messages") || path.startsWith("webhooks/")) {
      String last = path.substring(path.lastIndexOf('/') + 1);
      String id = method.equals("PATCH") && last.matches("\\d+") ? last : snowflake();
      return message(id, botId(token), body).toString();
    }
    if (path.matches("channels/\\d+")) {
      return channel().toString();
    }
    return "{}";
  }

  private String botId(String token) {
    return botIds.computeIfAbsent(token, k -> snowflake());
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // Payloads, trimmed to what JDA reads.

  private static JsonObject user(String id, String name, boolean bot) {
    JsonObject u = new JsonObject();
    u.addProperty("id", id);
    u.addProperty("username", name);
    u.addProperty("global_name", name);
    u.addProperty("discriminator", "0");
    u.add("avatar", null);
    u.addProperty("bot", bot);
    u.addProperty("flags", 0);
    return u;
  }

  private static JsonObject member(JsonObject user) {
    JsonObject m = new JsonObject();
    m.add("user", user);
    m.add("roles", new JsonArray());
    m.addProperty("joined_at", JOINED);
    m.addProperty("deaf", false);
    m.addProperty("mute", false);
    m.addProperty("flags", 0);
    m.addProperty("pending", false);
    m.addProperty("permissions", "8");
    return m;
  }

  private static JsonObject channel() {
    JsonObject c = new JsonObject();
    c.addProperty("id", CHANNEL);
    c.addProperty("type", 0);
    c.addProperty("guild_id", GUILD);
    c.addProperty("name", "deploys");
    c.addProperty("position", 0);
    c.addProperty("nsfw", false);
    c.add("permission_overwrites", new JsonArray());
    return c;
  }

  private static JsonObject guild(JsonObject bot) {
    JsonObject everyone = new JsonObject();
    everyone.addProperty("id", GUILD);
    everyone.addProperty("name", "@everyone");
    JsonObject colors = new JsonObject();
    colors.addProperty("primary_color", 0);
    everyone.add("colors", colors);
    everyone.addProperty("position", 0);
    everyone.addProperty("permissions", "8");
    everyone.addProperty("managed", false);
    everyone.addProperty("hoist", false);
    everyone.addProperty("mentionable", false);
    everyone.addProperty("flags", 0);
    JsonObject g = new JsonObject();
    g.addProperty("id", GUILD);
    g.addProperty("name", "Deckhand bench guild");
    g.addProperty("owner_id", bot.get("id").getAsString());
    JsonArray roles = new JsonArray();
    roles.add(everyone);
    g.add("roles", roles);
    JsonArray channels = new JsonArray();
    channels.add(channel());
    g.add("channels", channels);
    JsonArray members = new JsonArray();
    members.add(member(bot));
    g.add("members", members);
    for (String empty :
        List.of(
            "threads",
            "emojis",
            "stickers",
            "voice_states",
            "presences",
            "features",
            "guild_scheduled_events",
            "stage_instances",
            "soundboard_sounds")) {
      g.add(empty, new JsonArray());
    }
    for (String zero :
        List.of(
            "mfa_level",
            "verification_level",
            "default_message_notifications",
            "explicit_content_filter",
            "nsfw_level",
            "premium_tier",
            "system_channel_flags")) {
      g.addProperty(zero, 0);
    }
    g.addProperty("afk_timeout", 300);
    g.addProperty("member_count", 2);
    g.addProperty("large", false);
    g.addProperty("unavailable", false);
    g.addProperty("premium_progress_bar_enabled", false);
    g.addProperty("preferred_locale", "en-US");
    g.addProperty("joined_at", JOINED);
    return g;
  }

  private static JsonObject message(String id, String author, String body) {
    JsonObject in =
        body.trim().startsWith("{") ? JsonParser.parseString(body).getAsJsonObject() : null;
    JsonArray embeds = new JsonArray();
    if (in != null && in.has("embeds") && in.get("embeds").isJsonArray()) {
      for (JsonElement e : in.getAsJsonArray("embeds")) {
        JsonObject copy = e.getAsJsonObject().deepCopy();
        copy.addProperty("type", "rich");
        embeds.add(copy);
      }
    }
    JsonObject m = new JsonObject();
    m.addProperty("id", id);
    m.addProperty("channel_id", CHANNEL);
    m.addProperty("guild_id", GUILD);
    m.addProperty("type", 0);
    m.add("author", user(author, "deckhand-bench", true));
    m.addProperty(
        "content",
        in != null && in.has("content") && !in.get("content").isJsonNull()
            ? in.get("content").getAsString()
            : "");
    m.add("embeds", embeds);
    for (String empty : List.of("attachments", "mentions", "mention_roles", "components")) {
      m.add(empty, new JsonArray());
    }
    m.addProperty("mention_everyone", false);
    m.addProperty("pinned", false);
    m.addProperty("tts", false);
    m.addProperty("flags", 0);
    m.addProperty("timestamp", JOINED);
    m.add("edited_timestamp", null);
    return m;
  }

  @Override
  public void close() throws InterruptedException {
    http.stop(0);
    pool.shutdownNow();
    gateway.stop(2000);
  }

  /** One gateway connection: its client's token once identified, and its sequence numbers. */
  private static final class Session {
    volatile String token;
    private int seq;

    synchronized void dispatch(WebSocket conn, String type, JsonObject data) {
      JsonObject frame = new JsonObject();
      frame.addProperty("op", 0);
      frame.addProperty("t", type);
      frame.addProperty("s", ++seq);
      frame.add("d", data);
      conn.send(frame.toString());
    }
  }

  private final class Gateway extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);

    Gateway() {
      super(new InetSocketAddress("127.0.0.1", 0), 1);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      conn.setAttachment(new Session());
      conn.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      JsonObject frame;
      try {
        frame = JsonParser.parseString(message).getAsJsonObject();
      } catch (RuntimeException e) {
        return; // not JSON
      }
      switch (frame.get("op").getAsInt()) {
        case 1 -> conn.send("{\"op\":11}");
        case 2 -> identify(conn, frame.getAsJsonObject("d"));
        case 6 -> conn.send("{\"op\":9,\"d\":false}"); // no resuming here: identify afresh
        default -> {}
      }
    }

    private void identify(WebSocket conn, JsonObject d) {
      String raw = d.get("token").getAsString();
      String token = raw.startsWith("Bot ") ? raw.substring(4) : raw;
      Session session = conn.getAttachment();
      session.token = token;
      JsonObject bot = user(botId(token), "deckhand-bench", true);
      JsonObject unavailable = new JsonObject();
      unavailable.addProperty("id", GUILD);
      unavailable.addProperty("unavailable", true);
      JsonArray guilds = new JsonArray();
      guilds.add(unavailable);
      JsonObject app = new JsonObject();
      app.addProperty("id", botId(token));
      app.addProperty("flags", 0);
      JsonObject readyData = new JsonObject();
      readyData.addProperty("v", 10);
      readyData.add("user", bot);
      readyData.add("guilds", guilds);
      readyData.add("application", app);
      readyData.addProperty("session_id", UUID.randomUUID().toString());
      readyData.addProperty("resume_gateway_url", gatewayUrl());
      readyData.add("private_channels", new JsonArray());
      readyData.add("relationships", new JsonArray());
      session.dispatch(conn, "READY", readyData);
      session.dispatch(conn, "GUILD_CREATE", guild(bot));
      newest.put(token, conn);
      readiness(token).complete(null);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      Session s = conn.getAttachment();
      if (s != null && s.token != null) {
        newest.remove(s.token, conn);
      }
    }

    @Override
    public void onError(WebSocket conn, Exception e) {
      // a connection's error closes it; JDA reconnects
    }

    @Override
    public void onStart() {
      started.countDown();
    }
  }
}
