package dev.deckhand.bot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.engine.Dispatcher;
import dev.deckhand.commands.model.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's HTTP mode on a JDK {@link HttpServer}: {@code POST /slack/commands} (slash commands,
 * form-encoded) and {@code POST /slack/events} (Events API, JSON). Every request is verified first
 * (401 and nothing run otherwise), then handed to the {@link Dispatcher}, which returns at once,
 * and acknowledged with 200. Deduplication is the dispatcher's: a slash command's key is its {@code
 * trigger_id}, an event's its {@code event_id}, so Slack's retries run nothing twice. No business
 * logic here: only mapping.
 */
public final class SlackHttpEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);

  /** Bodies above this are refused: slash commands and events are a few kilobytes. */
  static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService threads;
  private final SlackRequestVerifier verifier;
  private final Dispatcher dispatcher;
  private final SlackConversations conversations;

  /**
   * Binds the address (port 0 picks a free one); {@link #start()} then serves.
   *
   * @throws IOException when the address cannot be bound
   */
  public SlackHttpEndpoint(
      InetSocketAddress address,
      SlackRequestVerifier verifier,
      Dispatcher dispatcher,
      SlackConversations conversations)
      throws IOException {
    this.verifier = verifier;
    this.dispatcher = dispatcher;
    this.conversations = conversations;
    this.server = HttpServer.create(address, 0);
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "slack-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.createContext("/slack/commands", e -> serve(e, this::command));
    server.createContext("/slack/events", e -> serve(e, this::event));
    server.setExecutor(threads);
  }

  public void start() {
    server.start();
  }

  /** The address bound, with the port actually chosen. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** What a handler answers: a status and a JSON body, or none. */
  private record Answer(int status, String json) {
    static final Answer OK = new Answer(200, null);
  }

  @FunctionalInterface
  private interface Route {
    Answer handle(byte[] body);
  }

  private void serve(HttpExchange exchange, Route route) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, new Answer(405, null));
        return;
      }
      Optional<byte[]> body = read(exchange.getRequestBody());
      if (body.isEmpty()) {
        respond(exchange, new Answer(413, null));
        return;
      }
      var headers = exchange.getRequestHeaders();
      Optional<String> rejected =
          verifier.rejection(
              headers.getFirst("X-Slack-Request-Timestamp"),
              headers.getFirst("X-Slack-Signature"),
              body.get());
      if (rejected.isPresent()) {
        log.warn(
            "refused a request to {} from {}: {}",
            exchange.getRequestURI().getPath(),
            exchange.getRemoteAddress(),
            rejected.get());
        respond(exchange, new Answer(401, null));
        return;
      }
      String retry = headers.getFirst("X-Slack-Retry-Num");
      if (retry != null) {
        log.info(
            "Slack retry {} ({}) of a request to {}",
            retry,
            headers.getFirst("X-Slack-Retry-Reason"),
            exchange.getRequestURI().getPath());
      }
      Answer answer;
      try {
        answer = route.handle(body.get());
      } catch (RuntimeException e) {
        log.error("could not hand over a Slack request to {}", exchange.getRequestURI(), e);
        answer = new Answer(500, null);
      }
      respond(exchange, answer);
    }
  }

  private Answer command(byte[] body) {
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    String command = form.getOrDefault("command", "").trim();
    String user = form.get("user_id");
    String channel = form.get("channel_id");
    String trigger = form.get("trigger_id");
    if (!command.startsWith("/") || user == null || channel == null || trigger == null) {
      return new Answer(400, null);
    }
    String text = form.getOrDefault("text", "").trim();
    Actor actor = new Actor("slack", user, form.getOrDefault("user_name", user));
    Invocation invocation =
        new Invocation(
            actor, channel, text.isEmpty() ? command : command + " " + text, "slack:" + trigger);
    dispatcher.submit(invocation, conversations.channel(channel));
    return Answer.OK;
  }

  private Answer event(byte[] body) {
    JsonObject payload;
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        return new Answer(400, null);
      }
      payload = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      return new Answer(400, null);
    }
    String type = string(payload, "type");
    if ("url_verification".equals(type)) {
      JsonObject challenge = new JsonObject();
      challenge.addProperty("challenge", string(payload, "challenge"));
      return new Answer(200, challenge.toString());
    }
    if (!"event_callback".equals(type) || !payload.has("event")) {
      return Answer.OK;
    }
    JsonObject event = payload.getAsJsonObject("event");
    String kind = string(event, "type");
    if (!"reaction_added".equals(kind) && !"reaction_removed".equals(kind)) {
      return Answer.OK;
    }
    String eventId = string(payload, "event_id");
    String user = string(event, "user");
    String reaction = string(event, "reaction");
    JsonObject item = event.has("item") ? event.getAsJsonObject("item") : new JsonObject();
    String channel = string(item, "channel");
    String ts = string(item, "ts");
    if (eventId == null || user == null || reaction == null || channel == null || ts == null) {
      log.info("ignoring a {} event without its ids", kind);
      return Answer.OK;
    }
    dispatcher.react(
        new Reaction(
            new Actor("slack", user, user),
            channel,
            ts,
            reaction,
            "reaction_added".equals(kind),
            "slack:" + eventId));
    return Answer.OK;
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  private static Optional<byte[]> read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
  }

  private static void respond(HttpExchange exchange, Answer answer) throws IOException {
    if (answer.json() == null) {
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: the field is left out, and a missing required field is a 400
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
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
