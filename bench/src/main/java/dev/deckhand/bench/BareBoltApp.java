package dev.deckhand.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The P1 baseline: a bare Bolt app that only acknowledges {@code /deckhand} and {@code /deploy},
 * with Bolt's own request verification, behind the same shape of adapter as the bot's (a JDK {@link
 * HttpServer} on 127.0.0.1 with four threads). Run in a JVM of its own with the bot's heap flags.
 * Prints {@code ready <base-url>}; ends on SIGTERM. Given an app-level token it runs in Socket Mode
 * instead (Bolt's {@code SocketModeApp}, Java-WebSocket backend, as the bot) and prints {@code
 * ready socket} once it asked for its connection.
 *
 * <p>Usage: {@code BareBoltApp <signing-secret> <web-api-url> <bot-token> [<app-token>]}, all the
 * benchmark's own (a fake Web API and made-up tokens).
 */
public final class BareBoltApp {
  private BareBoltApp() {}

  public static void main(String[] args) throws Exception {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(args[1]);
    slackConfig.setStatsEnabled(false);
    AppConfig config =
        AppConfig.builder()
            .signingSecret(args[0])
            .singleTeamBotToken(args[2])
            .slack(Slack.getInstance(slackConfig))
            .build();
    App app = new App(config);
    app.command("/deckhand", (req, ctx) -> ctx.ack());
    app.command("/deploy", (req, ctx) -> ctx.ack());
    CountDownLatch stop = new CountDownLatch(1);
    if (args.length > 3) {
      // Socket Mode: the same app over Bolt's SocketModeApp on the bot's backend.
      SocketModeApp socket =
          new SocketModeApp(args[3], SocketModeClient.Backend.JavaWebSocket, app);
      socket.startAsync();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(socket)));
      System.out.println("ready socket");
      System.out.flush();
      stop.await();
      return;
    }
    SlackRequestParser parser = new SlackRequestParser(config);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/slack/commands", e -> serve(e, app, parser));
    server.createContext("/slack/events", e -> serve(e, app, parser));
    server.setExecutor(Executors.newFixedThreadPool(4, Daemon.named("bolt-http")));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    System.out.println("ready http://127.0.0.1:" + server.getAddress().getPort());
    System.out.flush();
    stop.await();
  }

  private static void close(SocketModeApp socket) {
    try {
      socket.close();
    } catch (Exception e) {
      // stopping anyway
    }
  }

  private static void serve(HttpExchange exchange, App app, SlackRequestParser parser)
      throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
      Request<?> request =
          parser.parse(
              SlackRequestParser.HttpRequest.builder()
                  .requestUri(exchange.getRequestURI().getPath())
                  .queryString(Map.of())
                  .headers(new RequestHeaders(headers))
                  .requestBody(body)
                  .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                  .build());
      Response response;
      try {
        response = app.run(request);
      } catch (Exception e) {
        response = Response.error(500);
      }
      byte[] bytes =
          response.getBody() == null
              ? new byte[0]
              : response.getBody().getBytes(StandardCharsets.UTF_8);
      if (response.getContentType() != null) {
        exchange.getResponseHeaders().add("Content-Type", response.getContentType());
      }
      exchange.sendResponseHeaders(response.getStatusCode(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
