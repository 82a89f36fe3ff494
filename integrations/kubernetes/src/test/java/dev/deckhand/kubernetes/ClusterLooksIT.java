package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.Description;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.look.PodLog;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /logs}, {@code /events} and {@code /describe} through {@link KubernetesClusters} against
 * kube-sim, whose pods crash, log and raise events like a real cluster's.
 */
class ClusterLooksIT {
  private static final String CLUSTER = "staging";
  private static final String NS = "shop";
  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final AtomicInteger names = new AtomicInteger();
  private static final LogQuery LAST_50 =
      new LogQuery(Optional.empty(), 50, false, Optional.empty());
  private static final LogQuery PREVIOUS =
      new LogQuery(Optional.empty(), 50, true, Optional.empty());

  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(200));

  private static Target seed(int replicas) {
    String name = "web-" + names.incrementAndGet();
    kube.sim().seedDeployment(CLUSTER, NS, name, "web", "acme/web:1.0.0", replicas);
    Target t = new Target(CLUSTER, NS, name, "web");
    await()
        .atMost(PATIENCE)
        .until(() -> kube.clusters().describe(t).replicas().available() == replicas);
    return t;
  }

  /** Rolls a crashing image; returns once a new pod is in CrashLoopBackOff with a restart. */
  private static Target crashing() {
    Target t = seed(2);
    kube.clusters().setImage(t, "acme/web:1.1-crash", "deploy of a broken build");
    await()
        .atMost(PATIENCE)
        .until(
            () -> kube.clusters().describe(t).pods(),
            pods ->
                pods.stream()
                    .anyMatch(p -> p.state().equals("CrashLoopBackOff") && p.restarts() >= 1));
    return t;
  }

  @Test
  void logsReadTheNewestPodAndTheTailIsBounded() {
    Target t = seed(1);

    PodLog log = kube.clusters().logs(t, LAST_50);

    assertThat(log.container()).isEqualTo("web");
    assertThat(log.previous()).isFalse();
    assertThat(log.pod()).startsWith(t.deployment() + "-");
    assertThat(log.lines()).anyMatch(l -> l.contains("listening on :8080"));
    PodLog three =
        kube.clusters().logs(t, new LogQuery(Optional.empty(), 3, false, Optional.empty()));
    assertThat(three.lines())
        .hasSize(3)
        .isEqualTo(log.lines().subList(log.lines().size() - 3, log.lines().size()));
  }

  @Test
  void previousShowsTheCrashedInstanceOfTheNewestPod() {
    Target t = crashing();

    PodLog log = kube.clusters().logs(t, PREVIOUS);

    assertThat(log.previous()).isTrue();
    assertThat(log.lines()).contains("panic: config key DATABASE_URL missing");
    Description d = kube.clusters().describe(t);
    assertThat(log.pod()).isEqualTo(d.pods().get(0).name());
  }

  @Test
  void previousOfAContainerThatNeverRestartedSaysSo() {
    Target t = seed(1);

    assertThatThrownBy(() -> kube.clusters().logs(t, PREVIOUS))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("has no previous instance");
  }

  @Test
  void anUnknownContainerIsRefusedNamingThePodsContainers() {
    Target t = seed(1);

    assertThatThrownBy(
            () ->
                kube.clusters()
                    .logs(t, new LogQuery(Optional.of("sidecar"), 10, false, Optional.empty())))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("has no container sidecar; it has web");
  }

  @Test
  void aMissingDeploymentIsNamed() {
    Target gone = new Target(CLUSTER, NS, "nothing-here", "web");

    assertThatThrownBy(() -> kube.clusters().logs(gone, LAST_50))
        .hasMessageContaining("deployment shop/nothing-here not found in cluster staging");
    assertThatThrownBy(() -> kube.clusters().events(gone, 10)).hasMessageContaining("not found");
    assertThatThrownBy(() -> kube.clusters().describe(gone)).hasMessageContaining("not found");
  }

  @Test
  void eventsOfTheDeploymentItsReplicaSetsAndPodsComeNewestFirst() {
    Target t = crashing();

    List<ClusterEvent> events =
        await()
            .atMost(PATIENCE)
            .until(
                () -> kube.clusters().events(t, 50),
                e -> e.stream().anyMatch(x -> x.reason().equals("BackOff")));

    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("Normal");
              assertThat(e.reason()).isEqualTo("ScalingReplicaSet");
              assertThat(e.object()).isEqualTo("Deployment/" + t.deployment());
              assertThat(e.message()).startsWith("Scaled up replica set " + t.deployment() + "-");
            })
        .anySatisfy(e -> assertThat(e.reason()).isEqualTo("SuccessfulCreate"))
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("Warning");
              assertThat(e.object()).startsWith("Pod/" + t.deployment() + "-");
              assertThat(e.message()).startsWith("Back-off restarting failed container web");
            })
        .allSatisfy(e -> assertThat(e.object()).contains(t.deployment()));
    assertThat(events).extracting(ClusterEvent::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(kube.clusters().events(t, 2)).hasSize(2);

    String crashed =
        events.stream()
            .filter(e -> e.reason().equals("BackOff"))
            .findFirst()
            .orElseThrow()
            .object()
            .substring("Pod/".length());
    kube.k8s().pods().inNamespace(NS).withName(crashed).delete();
    await()
        .atMost(PATIENCE)
        .until(() -> kube.k8s().pods().inNamespace(NS).withName(crashed).get() == null);
    assertThat(kube.clusters().events(t, 50))
        .as("the events of a pod already gone, as after a rollback")
        .anyMatch(e -> e.object().equals("Pod/" + crashed) && e.reason().equals("BackOff"));
  }

  @Test
  void describeShowsReplicasConditionsImagesAndPodStates() {
    Target t = crashing();

    Description d = kube.clusters().describe(t);

    assertThat(d.deployment()).isEqualTo(t.deployment());
    assertThat(d.paused()).isFalse();
    assertThat(d.replicas().desired()).isEqualTo(2);
    assertThat(d.replicas().available()).as("old pods keep serving").isEqualTo(2);
    assertThat(d.images()).containsExactly(new Description.Image("web", "acme/web:1.1-crash"));
    assertThat(d.conditions()).extracting(Description.Condition::type).contains("Progressing");
    assertThat(d.pods())
        .anySatisfy(
            p -> {
              assertThat(p.state()).isEqualTo("CrashLoopBackOff");
              assertThat(p.ready()).isFalse();
              assertThat(p.restarts()).isPositive();
            })
        .anySatisfy(
            p -> {
              assertThat(p.state()).isEqualTo("Running");
              assertThat(p.ready()).isTrue();
            });
  }
}
