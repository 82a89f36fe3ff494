package dev.deckhand.kubesim;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a simulated cluster. Immutable and thread-safe; start from {@link #defaults()} and
 * derive with the {@code with…} methods.
 *
 * @param podReadyDelay how long a healthy pod takes from creation to Ready (default 300 ms)
 * @param progressDeadlineSeconds {@code spec.progressDeadlineSeconds} given to seeded deployments
 *     (default 600, as in Kubernetes)
 * @param maxSurge rolling-update {@code maxSurge} of seeded deployments: a count ("1") or a
 *     percentage ("25%")
 * @param maxUnavailable rolling-update {@code maxUnavailable} of seeded deployments, same format
 * @param tick how often the controller reconciles even without events (default 100 ms)
 */
public record SimOptions(
    Duration podReadyDelay,
    int progressDeadlineSeconds,
    String maxSurge,
    String maxUnavailable,
    Duration tick) {

  /** Validates every field. */
  public SimOptions {
    Objects.requireNonNull(podReadyDelay, "podReadyDelay");
    Objects.requireNonNull(maxSurge, "maxSurge");
    Objects.requireNonNull(maxUnavailable, "maxUnavailable");
    Objects.requireNonNull(tick, "tick");
    if (podReadyDelay.isNegative()) {
      throw new IllegalArgumentException("podReadyDelay must not be negative: " + podReadyDelay);
    }
    if (progressDeadlineSeconds <= 0) {
      throw new IllegalArgumentException(
          "progressDeadlineSeconds must be positive: " + progressDeadlineSeconds);
    }
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive: " + tick);
    }
    IntOrPercent.parse(maxSurge);
    IntOrPercent.parse(maxUnavailable);
    if (IntOrPercent.parse(maxSurge).isZero() && IntOrPercent.parse(maxUnavailable).isZero()) {
      throw new IllegalArgumentException("maxSurge and maxUnavailable must not both be zero");
    }
  }

  /** 300 ms pod start, 600 s progress deadline, 25 % surge and unavailability, 100 ms tick. */
  public static SimOptions defaults() {
    return new SimOptions(Duration.ofMillis(300), 600, "25%", "25%", Duration.ofMillis(100));
  }

  /** A copy with another pod start delay. */
  public SimOptions withPodReadyDelay(Duration delay) {
    return new SimOptions(delay, progressDeadlineSeconds, maxSurge, maxUnavailable, tick);
  }

  /** A copy with another progress deadline for seeded deployments. */
  public SimOptions withProgressDeadlineSeconds(int seconds) {
    return new SimOptions(podReadyDelay, seconds, maxSurge, maxUnavailable, tick);
  }

  /** A copy with another rolling-update strategy for seeded deployments. */
  public SimOptions withRollingUpdate(String surge, String unavailable) {
    return new SimOptions(podReadyDelay, progressDeadlineSeconds, surge, unavailable, tick);
  }

  /** A copy with another reconcile period. */
  public SimOptions withTick(Duration period) {
    return new SimOptions(podReadyDelay, progressDeadlineSeconds, maxSurge, maxUnavailable, period);
  }
}
