package dev.deckhand.commands.model;

import java.util.Objects;

/**
 * Where a service runs in one environment: the cluster (as named in the catalog), namespace,
 * deployment and the container whose image Deckhand sets. The container name may differ from the
 * deployment name.
 */
public record Target(String cluster, String namespace, String deployment, String container) {
  public Target {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(container, "container");
  }

  @Override
  public String toString() {
    return cluster
        + "/"
        + namespace
        + "/deployment/"
        + deployment
        + " (container "
        + container
        + ")";
  }
}
