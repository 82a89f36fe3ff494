package dev.deckhand.kubesim;

import java.util.List;

/** Renders a kubeconfig with one cluster, context and user per simulated cluster. Stateless. */
final class Kubeconfig {

  private Kubeconfig() {}

  /** Cluster names are DNS labels and URLs plain {@code http://127.0.0.1:port}: no quoting. */
  static String render(List<SimCluster> clusters) {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    for (SimCluster cluster : clusters) {
      yaml.append("- name: ").append(cluster.name()).append('\n');
      yaml.append("  cluster:\n    server: ").append(cluster.masterUrl()).append('\n');
    }
    yaml.append("contexts:\n");
    for (SimCluster cluster : clusters) {
      yaml.append("- name: ").append(cluster.name()).append('\n');
      yaml.append("  context:\n");
      yaml.append("    cluster: ").append(cluster.name()).append('\n');
      yaml.append("    user: ").append(cluster.name()).append('\n');
      yaml.append("    namespace: default\n");
    }
    yaml.append("users:\n");
    for (SimCluster cluster : clusters) {
      yaml.append("- name: ").append(cluster.name()).append("\n  user: {}\n");
    }
    yaml.append("current-context: ").append(clusters.get(0).name()).append('\n');
    yaml.append("preferences: {}\n");
    return yaml.toString();
  }
}
