package dev.deckhand.commands.kinds.deploy;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deploy's dry run says about its strategy: which one runs and why (typed after {@code
 * --strategy}, or the catalog's {@code strategy:}, rolling when it names none), what the decision
 * tree of docs/strategies.md recommends from what the catalog knows, and the warning a migration
 * calls for. Every deploy kind (rolling, blue-green, canary) shows these lines, through {@link
 * dev.deckhand.commands.kind.Proposal#withNotes}.
 *
 * <p>The tree, for a {@code /deploy} (always a new image; a config-only change is {@code
 * /config-update}, which restarts the pods and needs no strategy):
 *
 * <ol>
 *   <li>A migration (a {@code migrate: job} gate or {@code migrate: sql} files)? Rolling: it keeps
 *       the time old pods serve against the new schema shortest. Blue-green and canary keep them
 *       serving for the whole hold or every step, and a switch back or an abort sends all traffic
 *       to them; either way the migration must be expand/contract (add now, drop in a later
 *       release).
 *   <li>A {@code canary:} section (weighted routing and metric gates: the service has traffic
 *       enough to judge)? Canary.
 *   <li>A {@code blue-green:} section (a risky change that needs an instant way back)? Blue-green.
 *   <li>Otherwise rolling.
 * </ol>
 *
 * <p>In a protected environment, rolling out where the tree recommends a progressive strategy is
 * said loudly; elsewhere the tree's answer is shown as advice only (a staging deploy rehearses the
 * strategy prod will use).
 */
public final class StrategyAdvice {
  private StrategyAdvice() {}

  /**
   * The lines a dry run shows, at most four: the strategy and why, the tree's advice, and a warning
   * when the service migrates a schema. Pure; thread-safe.
   *
   * @param chosen the strategy this deploy runs with
   * @param typed whether it was typed after {@code --strategy} (else it is the catalog's)
   */
  public static List<String> lines(
      ServiceSpec service, EnvironmentSpec environment, Strategy chosen, boolean typed) {
    List<String> lines = new ArrayList<>();
    lines.add("strategy: " + chosen.word() + " — " + why(service, chosen, typed));
    Strategy advised = advised(service);
    String reason = reason(service, advised);
    if (advised == chosen) {
      lines.add("advice: " + advised.word() + " fits (" + reason + ")");
    } else {
      boolean loud =
          environment.isProtected() && chosen == Strategy.ROLLING && advised != Strategy.ROLLING;
      lines.add(
          (loud ? "⚠ " : "")
              + "advice: "
              + advised.word()
              + " ("
              + reason
              + "); --strategy "
              + advised.word()
              + " to follow it");
    }
    migration(service, chosen).ifPresent(lines::add);
    return List.copyOf(lines);
  }

  /** The tree's answer for {@code service}: see the class comment. */
  public static Strategy advised(ServiceSpec service) {
    if (migrates(service)) {
      return Strategy.ROLLING;
    }
    if (service.canarySpec().isPresent()) {
      return Strategy.CANARY;
    }
    if (service.blueGreenSpec().isPresent()) {
      return Strategy.BLUE_GREEN;
    }
    return Strategy.ROLLING;
  }

  private static boolean migrates(ServiceSpec service) {
    return service.migrationJob().isPresent() || service.sql().isPresent();
  }

  private static String why(ServiceSpec service, Strategy chosen, boolean typed) {
    if (typed) {
      return chosen == service.strategy()
          ? "typed with --strategy (also the catalog's)"
          : "typed with --strategy (the catalog's is " + service.strategy().word() + ")";
    }
    return service.strategy() == Strategy.ROLLING
        ? "the default (the catalog names no other for " + service.name() + ")"
        : "the catalog's strategy: for " + service.name();
  }

  private static String reason(ServiceSpec service, Strategy advised) {
    if (migrates(service)) {
      return "it migrates a schema: rolling keeps old pods on the new schema the shortest";
    }
    return switch (advised) {
      case CANARY -> "it has a canary: section, traffic enough to judge by metrics";
      case BLUE_GREEN -> "it has a blue-green: section, an instant switch back";
      case ROLLING -> "no canary: or blue-green: section";
    };
  }

  private static java.util.Optional<String> migration(ServiceSpec service, Strategy chosen) {
    if (!migrates(service)) {
      return java.util.Optional.empty();
    }
    String what =
        service.migrationJob().isPresent()
            ? "the migration Job runs before any pod changes"
            : "its SQL files are applied by /sql-migrate " + service.name() + ", not by /deploy";
    String old =
        switch (chosen) {
          case BLUE_GREEN ->
              "blue keeps serving on the new schema until /finish, and /switch-back"
                  + " sends all traffic back to it";
          case CANARY ->
              "the stable pods serve on the new schema at every step, and an abort"
                  + " sends all traffic back to them";
          case ROLLING -> "old pods serve on the new schema during the roll and after a rollback";
        };
    return java.util.Optional.of(
        "⚠ migration: "
            + what
            + "; "
            + old
            + ": it must be expand/contract (add now, drop in a later release)");
  }
}
