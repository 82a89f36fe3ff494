package dev.deckhand.commands.command;

import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;

/** {@code /reject <op> [reason]}: the text equivalent of the ❌ reaction. */
public record Reject(long operationId, String reason) implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "reject",
          List.of("<op>", "[reason]"),
          List.of(),
          "reject an operation waiting for approval (same as reacting ❌ to its message)",
          "/reject 12 \"wrong tag\"",
          (args, catalog) ->
              new Reject(
                  OpIds.parse(args.positional(0).orElseThrow(), "reject"),
                  args.positional(1).orElse("")));
}
