package dev.deckhand.commands.catalog;

import java.util.Objects;

/**
 * How to reach one cluster: a kubeconfig context (with an optional kubeconfig path, else the
 * default one) or the in-cluster service account.
 */
public record ClusterSpec(String name, String kubeconfig, String context, boolean inCluster) {
  public ClusterSpec {
    Objects.requireNonNull(name, "name");
  }
}
