package dev.deckhand.commands.command;

import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;

/** {@code /whoami}: who Deckhand thinks you are, and your roles. */
public record WhoAmI() implements Command {
  public static final CommandSpec SPEC =
      new CommandSpec(
          "whoami",
          List.of(),
          List.of(),
          "show who you are to Deckhand and your roles",
          "/whoami",
          (args, catalog) -> new WhoAmI());
}
