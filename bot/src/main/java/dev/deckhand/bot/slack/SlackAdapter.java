package dev.deckhand.bot.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.deckhand.bot.config.SlackSettings;
import dev.deckhand.bot.logging.Printable;
import dev.deckhand.commands.engine.Dispatcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack adapter's one public entry: checks the bot token with {@code auth.test} (valid, and of
 * the workspace {@code chat.slack.team-id}), builds the Bolt app and its transport (Socket Mode or
 * the HTTP endpoint) per {@code chat.slack.mode}. {@link #open} prepares, {@link #start()} starts
 * receiving; {@link #close()} stops.
 */
public final class SlackAdapter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);
  private final Optional<SlackHttpEndpoint> http;
  private final Optional<SlackSocketMode> socket;

  private SlackAdapter(Optional<SlackHttpEndpoint> http, Optional<SlackSocketMode> socket) {
    this.http = http;
    this.socket = socket;
  }

  /**
   * Checks the bot token, builds the app and, in HTTP mode, binds the endpoint.
   *
   * @param commands the command names to register as slash commands, without slash
   * @throws IllegalStateException naming the key that is wrong when Slack refuses the token, the
   *     token is another workspace's, Slack cannot be reached, or the address cannot be bound
   */
  public static SlackAdapter open(
      SlackSettings s,
      Slack slack,
      MethodsClient methods,
      Dispatcher dispatcher,
      SlackConversations conversations,
      List<String> commands) {
    s.cleartextWarning().ifPresent(log::warn);
    AuthTestResponse auth = authTest(s, methods);
    SlackInbound inbound = new SlackInbound(dispatcher, conversations);
    Optional<SlackRequestVerifier> verifier =
        s.mode() == SlackSettings.Mode.HTTP
            ? Optional.of(
                new SlackRequestVerifier(s.signingSecret().orElseThrow(), Clock.systemUTC()))
            : Optional.empty();
    App app =
        SlackBolt.app(
            slack,
            s.botToken(),
            verifier,
            new WorkspacePin(s.teamId(), s.appId()),
            auth,
            inbound,
            commands);
    if (s.mode() == SlackSettings.Mode.SOCKET) {
      return new SlackAdapter(
          Optional.empty(), Optional.of(new SlackSocketMode(app, s.appToken().orElseThrow())));
    }
    try {
      return new SlackAdapter(
          Optional.of(
              new SlackHttpEndpoint(
                  new InetSocketAddress(s.host(), s.port()),
                  app,
                  SlackHttpEndpoint.Limits.DEFAULT)),
          Optional.empty());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen for Slack on "
              + s.host()
              + ":"
              + s.port()
              + " (chat.slack.http.listen): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Starts serving (HTTP) or connects (Socket Mode).
   *
   * @throws IllegalStateException naming what failed when the Socket Mode connection cannot be
   *     opened
   */
  public void start() {
    http.ifPresent(SlackHttpEndpoint::start);
    socket.ifPresent(SlackSocketMode::start);
  }

  /** Where the HTTP endpoint listens; empty in Socket Mode. */
  public Optional<InetSocketAddress> httpAddress() {
    return http.map(SlackHttpEndpoint::address);
  }

  private static AuthTestResponse authTest(SlackSettings s, MethodsClient methods) {
    String api = s.apiUrl().orElse("https://slack.com/api/");
    AuthTestResponse response;
    try {
      response = methods.authTest(r -> r);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach Slack at " + api + " for auth.test (chat.slack.api-url): " + e, e);
    } catch (SlackApiException e) {
      throw new IllegalStateException(
          "Slack answered auth.test at " + api + " with HTTP " + e.getResponse().code(), e);
    }
    if (!response.isOk()) {
      throw new IllegalStateException(
          "Slack refused the bot token (chat.slack.bot-token): auth.test answered "
              + response.getError());
    }
    if (!s.teamId().equals(response.getTeamId())) {
      throw new IllegalStateException(
          "the bot token (chat.slack.bot-token) belongs to workspace "
              + Printable.of(response.getTeamId())
              + " ("
              + Printable.of(response.getTeam())
              + "), not to "
              + s.teamId()
              + " (chat.slack.team-id): use the bot token of the app installed in "
              + s.teamId()
              + ", or correct team-id");
    }
    return response;
  }

  @Override
  public void close() {
    http.ifPresent(SlackHttpEndpoint::close);
    socket.ifPresent(SlackSocketMode::close);
  }
}
