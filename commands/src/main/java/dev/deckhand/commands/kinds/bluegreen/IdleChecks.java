package dev.deckhand.commands.kinds.bluegreen;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.model.Target;
import java.util.List;

/**
 * The health checks of a blue-green deploy, run against the idle colour before the switch. A check
 * reaches the idle colour only through its URL's {@code {deployment}}, expanded again to the
 * colour's deployment ({@code <deployment>-<colour>}); a URL without it reaches whatever the
 * catalog names (typically the live Service, i.e. the live colour), so it cannot say anything about
 * the idle colour and is not run: the step's detail says so instead.
 *
 * @param reaching the checks expanded for the idle colour
 * @param blind how many checks do not name {@code {deployment}}
 * @param colour how messages name the idle colour, e.g. {@code green (gateway-green)}
 */
record IdleChecks(List<HealthCheck> reaching, int blind, String colour) {
  IdleChecks {
    reaching = List.copyOf(reaching);
  }

  /**
   * The service's checks in {@code environment}, for the idle colour's deployment {@code idle};
   * {@code service} is the value of {@code {service}} (the Service the switch moves).
   */
  static IdleChecks of(
      List<HealthCheck> checks, String environment, Target idle, String service, String colour) {
    List<HealthCheck> reaching =
        checks.stream()
            .filter(c -> c.names("deployment"))
            .map(c -> c.at(environment, idle, service))
            .toList();
    return new IdleChecks(reaching, checks.size() - reaching.size(), colour);
  }

  /** What the plan shows for the verify step. */
  String planned() {
    if (reaching.isEmpty() && blind == 0) {
      return "verify " + colour + ": no health checks configured";
    }
    if (reaching.isEmpty()) {
      return "verify "
          + colour
          + ": no health check can reach it (none names {deployment}); its pods' readiness only";
    }
    return "verify the health of "
        + colour
        + " ("
        + count(reaching.size())
        + (blind == 0 ? ")" : "; " + blind + " cannot reach it)");
  }

  /** What the verify step's detail adds (empty when every check reached the idle colour). */
  String note() {
    if (reaching.isEmpty() && blind == 0) {
      return "no health checks configured";
    }
    if (blind == 0) {
      return "";
    }
    String which = blind == 1 ? "1 check's URL does not" : blind + " checks' URLs do not";
    return which
        + " name {deployment}, so "
        + (blind == 1 ? "it reaches" : "they reach")
        + " the live colour, not "
        + colour
        + "; not run"
        + (reaching.isEmpty() ? " (only the readiness of its pods was checked)" : "");
  }

  private static String count(int n) {
    return n == 1 ? "1 check" : n + " checks";
  }
}
