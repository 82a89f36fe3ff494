package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /logs <service> [--env E] [--tail N] [--previous] [--since 10m] [--container C]}: log
 * lines of the newest pod of the target. Read-only; needs the grant {@code logs:<env>}.
 */
public record Logs(ServiceSpec service, EnvironmentSpec environment, Target target, LogQuery query)
    implements Command {
  public Logs {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(query, "query");
  }

  private static final Pattern SINCE = Pattern.compile("(\\d{1,7})([smhd])");
  private static final Duration LONGEST_SINCE = Duration.ofDays(7);
  private static final Pattern CONTAINER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public static final CommandSpec SPEC =
      new CommandSpec(
          "logs",
          List.of("<service>"),
          List.of(
              Deploy.ENV,
              new Flag(
                  "tail",
                  "N",
                  "how many lines from the end, 1 to "
                      + LogQuery.MAX_TAIL
                      + " (default "
                      + LogQuery.DEFAULT_TAIL
                      + ")"),
              new Flag("previous", null, "the crashed instance of the container, as after -crash"),
              new Flag("since", "DURATION", "only newer lines: 30s, 10m, 2h (at most 7d)"),
              new Flag("container", "C", "another container of the pod than the service's")),
          "show log lines of the newest pod of a service",
          "/logs gateway --env staging --previous --tail 100",
          (args, catalog) -> {
            ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
            EnvironmentSpec env = Resolve.environment(catalog, service, args.flag("env"), "logs");
            LogQuery query =
                new LogQuery(
                    args.flag("container").map(Logs::container),
                    args.flag("tail").map(Logs::tail).orElse(LogQuery.DEFAULT_TAIL),
                    args.has("previous"),
                    args.flag("since").map(Logs::since));
            return new Logs(service, env, Resolve.target(service, env), query);
          });

  @Override
  public String action() {
    return "logs";
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Optional<EnvironmentSpec> scope() {
    return Optional.of(environment);
  }

  static int tail(String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("'" + text + "' is not a number of lines", "e.g. --tail 100");
    }
    if (n < 1 || n > LogQuery.MAX_TAIL) {
      throw new UsageException(
          "--tail is between 1 and " + LogQuery.MAX_TAIL,
          "e.g. --tail 100; for more, narrow with --since");
    }
    return n;
  }

  static Duration since(String text) {
    Matcher m = SINCE.matcher(text);
    if (!m.matches()) {
      throw new UsageException(
          "'" + text + "' is not a duration", "write seconds, minutes, hours or days: 30s, 10m");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.isZero() || d.compareTo(LONGEST_SINCE) > 0) {
      throw new UsageException("--since is between 1 second and 7 days", "e.g. --since 10m");
    }
    return d;
  }

  static String container(String text) {
    if (!CONTAINER.matcher(text).matches()) {
      throw new UsageException(
          "'" + text + "' is not a container name",
          "container names are lower-case letters, digits and dashes; /describe lists them");
    }
    return text;
  }
}
