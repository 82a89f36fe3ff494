package dev.deckhand.bot.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.ReactionRemovedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one Bolt {@link App} of both transports: every command as its own slash command plus {@code
 * /deckhand}, and the two reaction events, each mapped by {@link SlackInbound}. Its middleware is
 * Bolt's own, with {@link SlackRequestVerifier} as the signature check of HTTP mode, {@link
 * WorkspacePin} refusing other workspaces and apps in both modes, and the {@code auth.test} made at
 * start reused instead of a second call.
 */
final class SlackBolt {
  private SlackBolt() {}

  /**
   * @param verifier the signature check in HTTP mode; empty in Socket Mode, whose requests come
   *     over a connection the bot opened and are not signed
   * @param commands the command names, without slash
   */
  static App app(
      Slack slack,
      String botToken,
      Optional<SlackRequestVerifier> verifier,
      WorkspacePin pin,
      AuthTestResponse authTest,
      SlackInbound inbound,
      List<String> commands) {
    AppConfig config =
        AppConfig.builder()
            .slack(slack)
            .singleTeamBotToken(botToken)
            .authTestCacheEnabled(true)
            .authTestCacheExpirationMillis(-1)
            .allEventsApiAutoAckEnabled(true)
            .build();
    App app =
        new App(config) {
          @Override
          protected List<Middleware> buildDefaultMiddlewareList(AppConfig c) {
            List<Middleware> list = new ArrayList<>();
            list.add(new SSLCheck(null));
            verifier.ifPresent(v -> list.add(new RequestVerification(v)));
            list.add(pin);
            list.add(new SingleTeamAuthorization(c, authTest, null));
            list.add(new IgnoringSelfEvents(c.getSlack().getConfig()));
            return list;
          }
        };
    for (String name : commands) {
      app.command("/" + name, inbound::command);
    }
    app.command("/deckhand", inbound::command);
    app.event(
        ReactionAddedEvent.class,
        (payload, ctx) -> {
          ReactionAddedEvent e = payload.getEvent();
          return inbound.reaction(
              new SlackInbound.ReactionEvent(
                  payload.getEventId(),
                  e.getUser(),
                  e.getReaction(),
                  e.getItem() == null ? null : e.getItem().getChannel(),
                  e.getItem() == null ? null : e.getItem().getTs(),
                  true),
              ctx);
        });
    app.event(
        ReactionRemovedEvent.class,
        (payload, ctx) -> {
          ReactionRemovedEvent e = payload.getEvent();
          return inbound.reaction(
              new SlackInbound.ReactionEvent(
                  payload.getEventId(),
                  e.getUser(),
                  e.getReaction(),
                  e.getItem() == null ? null : e.getItem().getChannel(),
                  e.getItem() == null ? null : e.getItem().getTs(),
                  false),
              ctx);
        });
    return app;
  }
}
