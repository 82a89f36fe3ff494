package dev.deckhand.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A summary of samples in milliseconds: count, median, p95, p99, max (nearest-rank percentiles).
 * Immutable.
 */
record Stats(int count, double p50, double p95, double p99, double max) {
  static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  static Stats of(Collection<Double> samples) {
    if (samples.isEmpty()) {
      return EMPTY;
    }
    List<Double> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    return new Stats(
        sorted.size(),
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  /** Nearest rank: the smallest sample with at least {@code p} % of the samples at or below it. */
  static double rank(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** The median of one statistic over repeated rounds. */
  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.removeIf(v -> v.isNaN());
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** "p50 3.1 · p99 9.8 · max 12.0 ms (n=300)". */
  String describe() {
    if (count == 0) {
      return "no samples";
    }
    return String.format(
        "p50 %s · p95 %s · p99 %s · max %s ms (n=%d)", ms(p50), ms(p95), ms(p99), ms(max), count);
  }

  static String ms(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
  }
}
