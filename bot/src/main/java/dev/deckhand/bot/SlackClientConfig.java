package dev.deckhand.bot;

import com.slack.api.SlackConfig;
import com.slack.api.audit.AuditConfig;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.rate_limits.metrics.MetricsDatastore;
import com.slack.api.scim.SCIMConfig;
import com.slack.api.scim2.SCIM2Config;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Slack SDK's configuration for Deckhand's outbound calls, without the SDK's metrics. Deckhand
 * paces its own calls (the edit lanes) and never reads the SDK's rate-limit statistics, but each
 * in-memory metrics datastore the SDK creates starts a thread at once: one per API family in every
 * {@link SlackConfig} and in each family's default singleton, twelve in all, of which {@code
 * setStatsEnabled(false)} on our config stops only three. This stops all of them.
 */
final class SlackClientConfig {
  private SlackClientConfig() {}

  /** A config whose Web API calls go to {@code apiUrl} when given, Slack's otherwise. */
  static SlackConfig create(Optional<String> apiUrl) {
    SlackConfig config = new SlackConfig();
    apiUrl.ifPresent(config::setMethodsEndpointUrlPrefix);
    config.setStatsEnabled(false);
    Stream.of(config, SlackConfig.DEFAULT)
        .flatMap(
            c ->
                Stream.of(
                    c.getMethodsConfig().getMetricsDatastore(),
                    c.getSCIMConfig().getMetricsDatastore(),
                    c.getSCIM2Config().getMetricsDatastore(),
                    c.getAuditConfig().getMetricsDatastore()))
        .forEach(SlackClientConfig::stop);
    Stream.of(
            MethodsConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
            SCIMConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
            SCIM2Config.DEFAULT_SINGLETON.getMetricsDatastore(),
            AuditConfig.DEFAULT_SINGLETON.getMetricsDatastore())
        .forEach(SlackClientConfig::stop);
    return config;
  }

  /** Disabling stats shuts the datastore's background executor down; its thread then ends. */
  private static void stop(MetricsDatastore datastore) {
    datastore.setStatsEnabled(false);
  }
}
