package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@code /images <service>}: the newest tags of the service's image with digest and age, and which
 * environment runs which digest. Read-only; each environment is shown to those with its grant
 * {@code status:<env>}.
 */
public record Images(ServiceSpec service) implements Command {
  public Images {
    Objects.requireNonNull(service, "service");
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "images",
          List.of("<service>"),
          List.of(),
          "list a service's newest tags with digest and age, and which environment runs which",
          "/images gateway",
          (args, catalog) ->
              new Images(Resolve.service(catalog, args.positional(0).orElseThrow())));

  @Override
  public String action() {
    return "status";
  }

  @Override
  public boolean readOnly() {
    return true;
  }
}
