package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Optional;

/** {@code /audit [service] [--limit N]}: the newest audit rows. Read-only. */
public record Audit(Optional<ServiceSpec> service, int limit) implements Command {
  public Audit {
    if (limit < 1 || limit > 100) {
      throw new UsageException("--limit is between 1 and 100", "e.g. /audit gateway --limit 20");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "audit",
          List.of("[service]"),
          List.of(new Flag("limit", "N", "how many rows, newest first (default 15)")),
          "show the newest audit rows, for one service or all",
          "/audit gateway --limit 20",
          (args, catalog) ->
              new Audit(
                  args.positional(0).map(s -> Resolve.service(catalog, s)),
                  args.flag("limit").map(Audit::limit).orElse(15)));

  private static int limit(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("'" + text + "' is not a number", "e.g. --limit 20");
    }
  }
}
