package dev.deckhand.bot.discord;

import java.util.UUID;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * Names the current gateway session for delivery keys. Sequence numbers restart with each new
 * session (a fresh IDENTIFY, also after a restart of the bot) and are kept by a RESUME, so the key
 * changes exactly when Discord's numbering does.
 */
final class GatewaySession extends ListenerAdapter {
  private volatile String key = UUID.randomUUID().toString();

  String key() {
    return key;
  }

  @Override
  public void onSessionRecreate(SessionRecreateEvent event) {
    key = UUID.randomUUID().toString();
  }
}
