package dev.deckhand.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers autocomplete for services, environments and tags. Looking tags up may block on the
 * registry, so it runs on a small executor and answers with no choices after {@link #DEADLINE}
 * rather than miss Discord's 3 s. Another server than the guild served gets no choices.
 */
final class AutocompleteListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AutocompleteListener.class);
  static final Duration DEADLINE = Duration.ofMillis(2200);

  private final Autocomplete autocomplete;
  private final Executor executor;
  private final GuildPin pin;

  AutocompleteListener(Autocomplete autocomplete, Executor executor, GuildPin pin) {
    this.autocomplete = autocomplete;
    this.executor = executor;
    this.pin = pin;
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    Guild guild = event.getGuild();
    if (!pin.serves(
        guild == null ? null : guild.getId(), "autocomplete", event.getUser().getId())) {
      event.replyChoiceStrings(List.of()).queue(ok -> {}, e -> {});
      return;
    }
    String name = event.getFocusedOption().getName();
    String typed = event.getFocusedOption().getValue();
    OptionMapping service = event.getOption("service");
    CompletableFuture.supplyAsync(
            () -> choices(name, typed, service == null ? null : service.getAsString()), executor)
        .exceptionally(
            e -> {
              log.info("no {} choices for '{}': {}", name, typed, e.toString());
              return List.of();
            })
        .completeOnTimeout(List.of(), DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .thenAccept(
            choices ->
                event
                    .replyChoiceStrings(choices)
                    .queue(
                        ok -> {},
                        e -> log.info("could not answer autocomplete: {}", e.toString())));
  }

  private List<String> choices(String option, String typed, String service) {
    if (SlashCommands.SERVICE_OPTIONS.contains(option)) {
      return autocomplete.services(typed);
    }
    if (SlashCommands.ENV.equals(option)) {
      return autocomplete.environments(typed);
    }
    if (SlashCommands.TAG_OPTIONS.contains(option)) {
      return autocomplete.tags(service, typed);
    }
    return List.of();
  }
}
