package dev.deckhand.bot.discord;

import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.engine.Dispatcher;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * Maps reactions added and removed to {@link Reaction}s; the dispatcher decides whether they are
 * votes on an approval request. The bot's own reactions are skipped, and reactions in another
 * server than the guild served are ignored (and logged). The delivery key is the gateway session
 * and the event's sequence number, which a RESUME replays unchanged: a replayed event counts once,
 * while the same person adding ✅ again after removing it is a new event.
 */
final class ReactionListener extends ListenerAdapter {
  private final Dispatcher dispatcher;
  private final GatewaySession session;
  private final GuildPin pin;

  ReactionListener(Dispatcher dispatcher, GatewaySession session, GuildPin pin) {
    this.dispatcher = dispatcher;
    this.session = session;
    this.pin = pin;
  }

  @Override
  public void onMessageReactionAdd(MessageReactionAddEvent event) {
    map(event, true, event.getMember());
  }

  @Override
  public void onMessageReactionRemove(MessageReactionRemoveEvent event) {
    map(event, false, event.getMember());
  }

  private void map(GenericMessageReactionEvent event, boolean added, Member member) {
    if (event.getUserIdLong() == event.getJDA().getSelfUser().getIdLong()) {
      return;
    }
    if (!pin.serves(
        event.isFromGuild() ? event.getGuild().getId() : null, "reaction", event.getUserId())) {
      return;
    }
    dispatcher.react(
        new Reaction(
            Actors.of(event.getUserId(), event.getUser(), member),
            event.getChannel().getId(),
            event.getMessageId(),
            event.getEmoji().getName(),
            added,
            "discord:" + session.key() + ":" + event.getResponseNumber()));
  }
}
