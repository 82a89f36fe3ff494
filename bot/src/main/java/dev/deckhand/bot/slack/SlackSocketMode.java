package dev.deckhand.bot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.response.AckResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Socket Mode: a {@link SocketModeApp} on the Java-WebSocket backend runs the one {@link
 * App}. The bot opens the connection ({@code apps.connections.open} with the app-level token), so
 * nothing listens here. When the socket drops or Slack asks for a refresh, the client opens a new
 * connection by itself (its session monitor and close listener). Each envelope is acknowledged by
 * its {@code envelope_id} once the listener has handed the work over; an envelope delivered again
 * with the same id is acknowledged and not run twice (the durable key is still Slack's {@code
 * event_id} or {@code trigger_id}, see {@link SlackInbound}).
 */
final class SlackSocketMode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

  /** Slack redelivers an unacknowledged envelope within minutes. */
  private static final Duration SEEN_FOR = Duration.ofMinutes(10);

  private final App app;
  private final SocketModeApp socketMode;
  private final SocketModeRequestParser parser;
  private final Cache<String, Boolean> seen =
      Caffeine.newBuilder().expireAfterWrite(SEEN_FOR).maximumSize(10_000).build();

  SlackSocketMode(App app, String appToken) {
    this.app = app;
    this.parser = new SocketModeRequestParser(app.config());
    this.socketMode = new SocketModeApp(() -> client(appToken), app);
  }

  private SocketModeClient client(String appToken) {
    try {
      SocketModeClient client =
          app.slack().socketMode(appToken, SocketModeClient.Backend.JavaWebSocket);
      client.addWebSocketMessageListener(message -> handle(client, message));
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not open a Socket Mode connection (apps.connections.open): " + e.getMessage(), e);
    }
  }

  /**
   * Opens the connection and returns once it is asked for; delivery starts when Slack says hello.
   *
   * @throws IllegalStateException naming what failed when Slack refuses the app-level token or
   *     cannot be reached
   */
  void start() {
    try {
      socketMode.startAsync();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot connect to Slack in Socket Mode (chat.slack.app-token): " + e.getMessage(), e);
    }
  }

  private void handle(SocketModeClient client, String message) {
    SocketModeRequest request = parser.parse(message);
    if (request == null) {
      return; // hello, disconnect and the like: the client handles them
    }
    String envelope = request.getEnvelope().getEnvelopeId();
    logRetry(message, envelope);
    if (envelope != null && seen.asMap().putIfAbsent(envelope, Boolean.TRUE) != null) {
      log.info("Socket Mode envelope {} delivered again; acknowledged, not run", envelope);
      client.sendSocketModeResponse(new AckResponse(envelope));
      return;
    }
    try {
      Response response = app.run(request.getBoltRequest());
      if (response.getStatusCode() != 200) {
        log.warn("Socket Mode envelope {} answered {}", envelope, response.getStatusCode());
      }
      client.sendSocketModeResponse(new AckResponse(envelope));
    } catch (Exception e) {
      seen.invalidate(envelope);
      log.error("could not hand over Socket Mode envelope {}", envelope, e);
    }
  }

  private static void logRetry(String message, String envelope) {
    try {
      JsonElement parsed = JsonParser.parseString(message);
      JsonObject o = parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
      JsonElement attempt = o.get("retry_attempt");
      if (attempt != null && attempt.isJsonPrimitive() && attempt.getAsInt() > 0) {
        JsonElement reason = o.get("retry_reason");
        log.info(
            "Slack retry {} ({}) in Socket Mode envelope {}",
            attempt.getAsInt(),
            reason == null || reason.isJsonNull() ? "" : reason.getAsString(),
            envelope);
      }
    } catch (RuntimeException e) {
      // only for the log; the parser above already accepted the message
    }
  }

  @Override
  public void close() {
    try {
      socketMode.close();
    } catch (Exception e) {
      log.warn("while closing the Socket Mode connection: {}", e.toString());
    }
  }
}
