package dev.deckhand.bot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.bot.logging.Printable;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware that serves one workspace ({@code chat.slack.team-id}) and, when configured, one
 * app ({@code chat.slack.app-id}): any other request or event is answered 401, runs nothing, and is
 * logged with the foreign id made printable. It runs before {@code SingleTeamAuthorization}, which
 * overwrites the request's team with the bot token's. The team is the one Bolt parsed from the
 * payload (for an event, the installation it is delivered for); the app is the payload's {@code
 * api_app_id}, read for slash commands and events, the only kinds Deckhand serves. The URL
 * challenge and Slack's SSL check carry neither and pass. Thread-safe.
 */
final class WorkspacePin implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(WorkspacePin.class);
  private static final Set<RequestType> NO_TEAM =
      Set.of(RequestType.UrlVerification, RequestType.SSLCheck);

  private final String teamId;
  private final Optional<String> appId;

  WorkspacePin(String teamId, Optional<String> appId) {
    this.teamId = teamId;
    this.appId = appId;
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (NO_TEAM.contains(req.getRequestType())) {
      return chain.next(req);
    }
    String team = req.getContext().getTeamId();
    if (!teamId.equals(team)) {
      log.warn(
          "refused a Slack {} from workspace {} (chat.slack.team-id is {}); nothing run",
          req.getRequestType(),
          Printable.of(team),
          teamId);
      return refused(resp);
    }
    if (appId.isPresent()) {
      String app = app(req);
      if (!appId.get().equals(app)) {
        log.warn(
            "refused a Slack {} for app {} (chat.slack.app-id is {}); nothing run",
            req.getRequestType(),
            Printable.of(app),
            appId.get());
        return refused(resp);
      }
    }
    return chain.next(req);
  }

  private static Response refused(Response resp) {
    resp.setStatusCode(401);
    resp.setBody(null);
    return resp;
  }

  /** The request's {@code api_app_id}, null when it has none or is of another kind. */
  private static String app(Request<?> req) {
    if (req instanceof SlashCommandRequest command) {
      return command.getPayload().getApiAppId();
    }
    if (req instanceof EventRequest) {
      try {
        JsonElement body = JsonParser.parseString(req.getRequestBodyAsString());
        JsonElement app = body.isJsonObject() ? body.getAsJsonObject().get("api_app_id") : null;
        return app != null && app.isJsonPrimitive() ? app.getAsString() : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
