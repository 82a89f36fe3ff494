package dev.deckhand.bot.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code deckhand demo} simulates the world: replicas per deployment, the rollout progress
 * deadline, how long a simulated pod takes to become ready, and the tags the simulated registry
 * serves per service (the first one runs at start).
 *
 * @param tags service name → tags, in file order
 */
public record DemoSettings(
    int replicas, Duration progressDeadline, Duration readyDelay, Map<String, List<String>> tags) {
  public DemoSettings {
    Objects.requireNonNull(progressDeadline, "progressDeadline");
    Objects.requireNonNull(readyDelay, "readyDelay");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    tags.forEach((service, list) -> copy.put(service, List.copyOf(list)));
    tags = Collections.unmodifiableMap(copy);
  }

  /** The tags served for a service, empty when the demo defines none. */
  public List<String> tagsOf(String service) {
    return tags.getOrDefault(service, List.of());
  }
}
