package dev.deckhand.commands.command;

import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Optional;

/** {@code /help [command]}: generated from the command table. */
public record Help(Optional<String> command) implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "help",
          List.of("[command]"),
          List.of(),
          "list the commands, or explain one",
          "/help deploy",
          (args, catalog) ->
              new Help(args.positional(0).map(c -> c.startsWith("/") ? c.substring(1) : c)));
}
