package dev.deckhand.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The P7 baseline: what a bot without shared informers does, one fabric8 watch per rollout (here on
 * the Deployment only; a real one would also watch its pods). Run in a JVM of its own with the
 * bot's heap flags. Opens a watch on each of {@code count} deployments {@code <prefix>000…}, prints
 * {@code watching <n>}, and ends when every one has been seen rolling and then complete by {@code
 * kubectl rollout status}'s rule, or after the bound; prints {@code done <completed> <count>}.
 *
 * <p>Usage: {@code WatchPerRollout <master-url> <namespace> <prefix> <count> <bound-seconds>}.
 */
public final class WatchPerRollout {
  private WatchPerRollout() {}

  public static void main(String[] args) throws Exception {
    Config config = new ConfigBuilder().withMasterUrl(args[0]).withNamespace(args[1]).build();
    int count = Integer.parseInt(args[3]);
    CountDownLatch completed = new CountDownLatch(count);
    Set<String> rolling = ConcurrentHashMap.newKeySet();
    Set<String> done = ConcurrentHashMap.newKeySet();
    List<Watch> watches = new ArrayList<>();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      for (int i = 0; i < count; i++) {
        String name = String.format("%s%03d", args[2], i);
        watches.add(
            client
                .apps()
                .deployments()
                .inNamespace(args[1])
                .withName(name)
                .watch(
                    new Watcher<>() {
                      @Override
                      public void eventReceived(Action action, Deployment d) {
                        if (!complete(d)) {
                          rolling.add(name);
                        } else if (rolling.contains(name) && done.add(name)) {
                          completed.countDown();
                        }
                      }

                      @Override
                      public void onClose(WatcherException cause) {}
                    }));
      }
      System.out.println("watching " + watches.size());
      System.out.flush();
      completed.await(Long.parseLong(args[4]), TimeUnit.SECONDS);
      System.out.println("done " + done.size() + " " + count);
      System.out.flush();
      watches.forEach(Watch::close);
    }
  }

  /** {@code kubectl rollout status}: observed, all updated, no old replicas, all available. */
  static boolean complete(Deployment d) {
    DeploymentStatus s = d.getStatus();
    if (s == null || s.getObservedGeneration() == null) {
      return false;
    }
    int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
    int replicas = Objects.requireNonNullElse(s.getReplicas(), 0);
    int available = Objects.requireNonNullElse(s.getAvailableReplicas(), 0);
    return s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && updated == desired
        && replicas == updated
        && available == updated;
  }
}
