package dev.deckhand.commands.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One environment: the cluster it lives in, whether it is protected (production-like: needs
 * approval, must be named explicitly, refuses {@code latest}), whether a failed deploy is rolled
 * back automatically, and the chat channels bound to it (empty: any channel).
 */
public record EnvironmentSpec(
    String name, String cluster, boolean isProtected, boolean autoRollback, List<String> channels) {
  public EnvironmentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    channels = List.copyOf(channels);
  }
}
