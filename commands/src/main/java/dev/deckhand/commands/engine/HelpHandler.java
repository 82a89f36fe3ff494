package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Suggestions;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Help;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.UsageException;
import java.util.ArrayList;
import java.util.List;

/** {@code /help}: generated from the command table, so it cannot drift from what exists. */
public final class HelpHandler implements Handler<Help> {
  private final List<CommandSpec> specs;

  public HelpHandler(List<CommandSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  @Override
  public void handle(Help h, Request request) {
    request
        .conversation()
        .whisper(request.actor(), h.command().map(this::one).orElseGet(this::all));
  }

  private Reply all() {
    List<String> lines = new ArrayList<>();
    for (CommandSpec s : specs) {
      lines.add(s.usage() + " — " + s.summary());
    }
    lines.add("Type /help <command> for details. Every command also works as /deckhand <command>.");
    return new Reply.Listing("Deckhand commands", lines);
  }

  private Reply one(String name) {
    CommandSpec s =
        specs.stream()
            .filter(x -> x.name().equalsIgnoreCase(name))
            .findFirst()
            .orElseThrow(
                () -> {
                  var close =
                      Suggestions.closest(name, specs.stream().map(CommandSpec::name).toList(), 2);
                  return new UsageException(
                      "there is no command /" + name,
                      close.isEmpty()
                          ? "type /help to list them"
                          : "did you mean /" + String.join(" or /", close) + "?");
                });
    List<String> lines = new ArrayList<>();
    lines.add(s.summary());
    for (Flag f : s.flags()) {
      lines.add(f.synopsis() + ": " + f.description());
    }
    if (!s.example().isEmpty()) {
      lines.add("example: " + s.example());
    }
    return new Reply.Listing(s.usage(), lines);
  }
}
