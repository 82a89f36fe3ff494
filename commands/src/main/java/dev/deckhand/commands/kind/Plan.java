package dev.deckhand.commands.kind;

import dev.deckhand.commands.model.Target;
import java.util.Objects;

/**
 * A planned operation as stored: what every kind has (summary, service, environment, target,
 * break-glass reason, the hash votes are bound to) and the kind's own typed parameters.
 *
 * @param kind the kind's name ({@code deploy})
 * @param summary what the live message's header says ({@code deploy gateway v1.2.3})
 * @param breakGlass the break-glass reason, empty when none
 * @param hash the plan's hash (empty until hashed); approvals are bound to it
 * @param params the kind's parameters
 * @param <P> the kind's parameter type
 */
public record Plan<P>(
    String kind,
    String summary,
    String service,
    String environment,
    Target target,
    String breakGlass,
    String hash,
    P params) {
  public Plan {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(breakGlass, "breakGlass");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(params, "params");
  }

  /** The same plan with other parameters and hash. */
  public Plan<P> with(P newParams, String newHash) {
    return new Plan<>(kind, summary, service, environment, target, breakGlass, newHash, newParams);
  }
}
