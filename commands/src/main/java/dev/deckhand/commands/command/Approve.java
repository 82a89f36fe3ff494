package dev.deckhand.commands.command;

import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;

/** {@code /approve <op>}: the text equivalent of the ✅ reaction. */
public record Approve(long operationId) implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "approve",
          List.of("<op>"),
          List.of(),
          "approve an operation waiting for approval (same as reacting ✅ to its message)",
          "/approve 12",
          (args, catalog) -> new Approve(OpIds.parse(args.positional(0).orElseThrow(), "approve")));
}
