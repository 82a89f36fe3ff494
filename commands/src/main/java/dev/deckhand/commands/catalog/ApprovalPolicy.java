package dev.deckhand.commands.catalog;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How changes in an environment are approved.
 *
 * @param count how many distinct approvers are needed (0: none); the requester never counts
 * @param fromRole the role approvers must hold, null for anyone but the requester
 * @param expiry how long a request stays open
 * @param exempt actions that need no approval here (e.g. {@code rollback} as break-glass)
 */
public record ApprovalPolicy(int count, String fromRole, Duration expiry, Set<String> exempt) {
  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(30);
  public static final ApprovalPolicy NONE = new ApprovalPolicy(0, null, DEFAULT_EXPIRY, Set.of());
  public static final ApprovalPolicy ONE_OTHER_PERSON =
      new ApprovalPolicy(1, null, DEFAULT_EXPIRY, Set.of());

  public ApprovalPolicy {
    Objects.requireNonNull(expiry, "expiry");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    exempt = Set.copyOf(exempt);
  }
}
