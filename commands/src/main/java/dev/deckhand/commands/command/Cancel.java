package dev.deckhand.commands.command;

import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;

/**
 * {@code /cancel <op>}: withdraws a pending request, or stops a running operation whose kind can
 * stop halfway (a canary: at its next safe point, undoing what it started); any other running
 * operation is left to finish.
 */
public record Cancel(long operationId) implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "cancel",
          List.of("<op>"),
          List.of(),
          "withdraw an operation waiting for approval (requester or approver), or stop a running"
              + " canary",
          "/cancel 12",
          (args, catalog) -> new Cancel(OpIds.parse(args.positional(0).orElseThrow(), "cancel")));
}
