package dev.deckhand.commands.kinds.canary;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Metrics;
import dev.deckhand.commands.ports.MetricsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One judgement of a canary's gates: its request count first (too few requests judge nothing), then
 * its error ratio and p99 latency against the stable version's. A query that fails or has no answer
 * makes the judgement inconclusive, never a breach: a flaky metrics source must not roll a good
 * version back, and {@code failures} breaches in a row are needed to abort anyway.
 */
final class Judge {
  private final Metrics metrics;

  Judge(Metrics metrics) {
    this.metrics = metrics;
  }

  /** What one judgement found; {@link #line} is what the hold step shows. */
  sealed interface Verdict {
    String line();
  }

  /** Every gate held. */
  record Pass(String line) implements Verdict {}

  /**
   * A gate was breached: {@code line} says which value against which threshold, {@code query} the
   * query that returned the canary's value.
   */
  record Breach(String line, String query) implements Verdict {}

  /** Nothing could be judged (too few requests, no answer, the source failed). */
  record Unknown(String line) implements Verdict {}

  Verdict judge(Target stable, Target canary, CanarySpec.Gates gates) {
    CanarySpec.Queries q = gates.queries();
    try {
      double requests = value(stable, q.requests(), canary, gates).orElse(0);
      if (requests < gates.minRequests()) {
        return new Unknown(
            "the canary served "
                + Math.round(requests)
                + " requests in the last "
                + CanarySpec.Queries.render("{window}", "", "", gates.window())
                + "; "
                + gates.minRequests()
                + " are needed to judge it");
      }
      List<String> held = new ArrayList<>();
      String errorQuery = render(q.errorRate(), canary, gates);
      double errorCanary = value(stable, q.errorRate(), canary, gates).orElse(0);
      double errorStable = value(stable, q.errorRate(), stable, gates).orElse(0);
      String errors =
          "error rate "
              + percent(errorCanary)
              + " vs stable "
              + percent(errorStable)
              + " ("
              + signed(100 * (errorCanary - errorStable))
              + " pp, at most +"
              + number(100 * gates.maxErrorRateIncrease())
              + " pp allowed)";
      if (errorCanary - errorStable > gates.maxErrorRateIncrease()) {
        return new Breach(errors, errorQuery);
      }
      held.add(errors);
      OptionalDouble latencyCanary = value(stable, q.latency(), canary, gates);
      OptionalDouble latencyStable = value(stable, q.latency(), stable, gates);
      if (latencyCanary.isPresent()) {
        double c = latencyCanary.getAsDouble() * 1000;
        double s = latencyStable.orElse(0) * 1000;
        String latency =
            "p99 "
                + Math.round(c)
                + " ms vs stable "
                + (latencyStable.isPresent() ? Math.round(s) + " ms" : "none")
                + " ("
                + signed(c - s)
                + " ms, at most +"
                + gates.maxLatencyIncrease().toMillis()
                + " ms allowed)";
        if (latencyStable.isPresent() && c - s > gates.maxLatencyIncrease().toMillis()) {
          return new Breach(latency, render(q.latency(), canary, gates));
        }
        held.add(latency);
      } else {
        held.add("p99 latency: no answer");
      }
      return new Pass(String.join("; ", held) + "; " + Math.round(requests) + " requests");
    } catch (MetricsException e) {
      return new Unknown("metrics: " + e.getMessage());
    }
  }

  private OptionalDouble value(
      Target cluster, String template, Target deployment, CanarySpec.Gates gates) {
    return metrics.query(cluster.cluster(), render(template, deployment, gates));
  }

  static String render(String template, Target deployment, CanarySpec.Gates gates) {
    return CanarySpec.Queries.render(
        template, deployment.namespace(), deployment.deployment(), gates.window());
  }

  static String percent(double ratio) {
    return number(100 * ratio) + " %";
  }

  private static String signed(double value) {
    return (value >= 0 ? "+" : "−") + number(Math.abs(value));
  }

  /** At most two decimals, none when whole: {@code 0.25}, {@code 24.8}, {@code 1}. */
  static String number(double value) {
    String s = String.format(Locale.ROOT, "%.2f", value);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
