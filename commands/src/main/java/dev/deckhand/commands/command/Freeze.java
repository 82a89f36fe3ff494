package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /freeze <env> <duration> <reason>}: no deploys there for a while. */
public record Freeze(EnvironmentSpec environment, Duration duration, String reason)
    implements Command {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,4})(m|h|d)");

  public Freeze {
    if (reason.isBlank()) {
      throw new UsageException("a freeze needs a reason", "e.g. /freeze prod 2h \"peak hours\"");
    }
  }

  public static final CommandSpec SPEC =
      new CommandSpec(
          "freeze",
          List.of("<env>", "<duration>", "<reason>"),
          List.of(),
          "refuse deploys to an environment for a while (30m, 2h, 1d)",
          "/freeze prod 2h \"peak hours\"",
          (args, catalog) ->
              new Freeze(
                  Resolve.environment(catalog, args.positional(0)),
                  duration(args.positional(1).orElseThrow()),
                  args.positional(2).orElseThrow()));

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new UsageException(
          "'" + text + "' is not a duration", "write minutes, hours or days: 30m, 2h, 1d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
      throw new UsageException("a freeze lasts between 1 minute and 30 days", "e.g. 2h or 3d");
    }
    return d;
  }

  @Override
  public String action() {
    return "freeze";
  }

  @Override
  public Optional<EnvironmentSpec> scope() {
    return Optional.of(environment);
  }
}
