package dev.deckhand.bot.discord;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel a slash command was typed in, seen from that one deferred interaction. Answers (help,
 * status, refusals) replace the deferred "thinking…" reply through the interaction's token; a
 * posted message, such as an operation's live message, is a regular channel message that stays
 * editable after the token's 15 minutes, and the deferred reply then only points to it. Everything
 * else is the channel's. Thread-safe.
 */
final class InteractionConversation implements Conversation {
  private static final Logger log = LoggerFactory.getLogger(InteractionConversation.class);

  private final DiscordConversation channel;
  private final InteractionHook hook;
  private final DiscordRenderer renderer;
  private final AtomicBoolean replied = new AtomicBoolean();

  InteractionConversation(
      DiscordConversation channel, InteractionHook hook, DiscordRenderer renderer) {
    this.channel = channel;
    this.hook = hook;
    this.renderer = renderer;
  }

  @Override
  public String id() {
    return channel.id();
  }

  @Override
  public void answer(Reply reply) {
    replied.set(true);
    try {
      // The first message through a deferred hook replaces the "thinking…" reply.
      hook.sendMessageEmbeds(renderer.render(reply)).setAllowedMentions(List.of()).complete();
    } catch (ErrorResponseException e) {
      throw new DiscordCallException(
          "Discord refused the answer to an interaction in "
              + channel.id()
              + ": error "
              + e.getErrorCode()
              + " "
              + e.getMeaning(),
          e);
    }
  }

  @Override
  public MessageRef post(Reply reply) {
    MessageRef ref = channel.post(reply);
    if (!replied.getAndSet(true)) {
      String link = channel.jumpUrl(ref.id());
      hook.editOriginal("→ " + link)
          .setAllowedMentions(List.of())
          .queue(
              m -> {},
              e -> log.info("could not point the interaction in {} to {}: {}", id(), link, e));
    }
    return ref;
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    channel.edit(message, reply);
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    return channel.postUnder(parent, reply);
  }

  @Override
  public Duration minEditInterval() {
    return channel.minEditInterval();
  }

  @Override
  public EditBudget editBudget() {
    return channel.editBudget();
  }
}
