package dev.deckhand.bot.discord;

import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.engine.Dispatcher;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a slash command to an {@link Invocation}: one from another server than the guild served is
 * answered {@link GuildPin#ANSWER}, for its author only, and runs nothing; any other is deferred at
 * once (Discord's 3 s), turns its options into the command text the parser knows, and hands it
 * over. The delivery key is the interaction's id, so a replayed or duplicated interaction runs
 * once.
 */
final class SlashCommandListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SlashCommandListener.class);

  private final Map<String, CommandSpec> specs;
  private final Dispatcher dispatcher;
  private final DiscordConversations channels;
  private final DiscordRenderer renderer;
  private final RecentIds recent;
  private final GuildPin pin;

  SlashCommandListener(
      Map<String, CommandSpec> specs,
      Dispatcher dispatcher,
      DiscordConversations channels,
      DiscordRenderer renderer,
      RecentIds recent,
      GuildPin pin) {
    this.specs = specs;
    this.pin = pin;
    this.dispatcher = dispatcher;
    this.channels = channels;
    this.renderer = renderer;
    this.recent = recent;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    if (!recent.firstTime(event.getId())) {
      log.info("ignoring repeated interaction {}", event.getId());
      return;
    }
    Guild guild = event.getGuild();
    if (!pin.serves(
        guild == null ? null : guild.getId(), "slash command", event.getUser().getId())) {
      event
          .reply(GuildPin.ANSWER)
          .setEphemeral(true)
          .queue(ok -> {}, e -> log.info("could not answer interaction {}: {}", event.getId(), e));
      return;
    }
    event
        .deferReply()
        .queue(
            ok -> {},
            e -> log.warn("could not defer interaction {}: {}", event.getId(), e.toString()));
    CommandSpec spec = specs.get(event.getName());
    String text;
    if (spec == null) {
      text = "/" + event.getName(); // a command registered by an older version: the parser says so
    } else {
      Map<String, String> values = new LinkedHashMap<>();
      for (OptionMapping option : event.getOptions()) {
        values.put(option.getName(), option.getAsString());
      }
      text = SlashCommands.text(spec, values);
    }
    String channel = event.getChannelId();
    dispatcher.submit(
        new Invocation(
            Actors.of(event.getUser().getId(), event.getUser(), event.getMember()),
            channel,
            text,
            "discord:" + event.getId()),
        new InteractionConversation(channels.channel(channel), event.getHook(), renderer));
  }
}
