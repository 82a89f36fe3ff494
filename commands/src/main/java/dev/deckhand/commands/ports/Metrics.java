package dev.deckhand.commands.ports;

import java.util.OptionalDouble;

/**
 * A metrics source answering PromQL instant queries (the Prometheus HTTP API's {@code
 * /api/v1/query}): what a canary's gates compare between the canary and the stable version.
 *
 * <p>Thread-safe; {@link #query} blocks on the network and runs on the engine's workers.
 */
public interface Metrics {

  /** None configured: every query is refused with a message saying how to configure one. */
  Metrics NONE =
      new Metrics() {
        @Override
        public String source() {
          return "";
        }

        @Override
        public OptionalDouble query(String cluster, String promql) {
          throw new MetricsException(
              "no metrics source is configured; add prometheus: { url: <its base URL> } to the"
                  + " catalog");
        }
      };

  /**
   * Where the answers come from, for messages: the configured base URL, which may name the cluster
   * as {@code {cluster}} ({@code http://prometheus.{cluster}.internal:9090}); empty for none.
   */
  String source();

  /** True when a source is configured. */
  default boolean configured() {
    return !source().isEmpty();
  }

  /**
   * Evaluates {@code promql} at the current time, on the source of the named cluster (the catalog's
   * cluster name substituted for {@code {cluster}} in the configured URL).
   *
   * @return the value of its one sample (a one-series vector or a scalar); empty when the result
   *     has no sample or the value is NaN (no traffic: a rate divided by zero)
   * @throws MetricsException when the source cannot be reached or answers with an error, a status
   *     other than 200, or more than one series (the message says which and what to write instead:
   *     an aggregation such as {@code sum(...)})
   */
  OptionalDouble query(String cluster, String promql);
}
