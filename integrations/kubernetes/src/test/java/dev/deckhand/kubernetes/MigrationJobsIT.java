package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration Jobs through {@link KubernetesClusters} against kube-sim's Job controller. */
class MigrationJobsIT {
  private static final String CLUSTER = "staging";
  private static final String NS = "honeydue";
  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final List<String> GOOSE = List.of("goose", "-dir", "/migrations", "up");
  private static final AtomicInteger names = new AtomicInteger();

  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(100));

  private static KubernetesClient k8s() {
    return kube.sim().cluster(CLUSTER).client();
  }

  /** A deployment whose container has an env var and a readiness probe, as a real API's would. */
  private static Target seed() {
    String name = "api-" + names.incrementAndGet();
    kube.sim().seedDeployment(CLUSTER, NS, name, "api", "honeydue/api:abc123", 1);
    k8s()
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(name)
        .edit(
            d -> {
              var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
              c.setEnv(List.of(new EnvVar("DATABASE_URL", "postgres://db/app", null)));
              c.setReadinessProbe(
                  new ProbeBuilder().withNewHttpGet().withPath("/healthz").endHttpGet().build());
              return d;
            });
    return new Target(CLUSTER, NS, name, "api");
  }

  private static JobRequest request(Target t, long op, String image, Duration timeout) {
    return new JobRequest(JobRequest.nameFor(t.deployment(), op), op, image, GOOSE, timeout);
  }

  private static JobState awaitDone(Target t, String name) {
    return await().atMost(PATIENCE).until(() -> kube.clusters().job(t, name), JobState::done);
  }

  private static List<Job> jobsOf(Target t) {
    return k8s()
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withLabel("deckhand.dev/migration-of", t.deployment())
        .list()
        .getItems();
  }

  @Test
  void aMigrationRunsFromTheDeploymentsTemplateWithTheNewImageAndCompletes() {
    Target t = seed();
    JobRequest r = request(t, 7, "honeydue/api:def456", TIMEOUT);

    kube.clusters().startJob(t, r);
    JobState end = awaitDone(t, r.name());

    assertThat(end.phase()).isEqualTo(JobState.Phase.COMPLETE);
    assertThat(end.pod()).startsWith(r.name() + "-");
    Job job = k8s().batch().v1().jobs().inNamespace(NS).withName(r.name()).get();
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
    var pod = job.getSpec().getTemplate();
    assertThat(pod.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("deckhand.dev/migration-of", t.deployment(), "deckhand.dev/operation", "7"));
    var c = pod.getSpec().getContainers().get(0);
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    assertThat(c.getImage()).isEqualTo("honeydue/api:def456");
    assertThat(c.getCommand()).isEqualTo(GOOSE);
    assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactly("DATABASE_URL");
    assertThat(c.getReadinessProbe()).isNull();
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(kube.clusters().jobLog(t, r.name(), 20))
        .anyMatch(l -> l.contains("successfully migrated database"));
  }

  @Test
  void aFailedMigrationSaysWhyAndItsLogShowsTheError() {
    Target t = seed();
    JobRequest r = request(t, 8, "honeydue/api:def456-migfail", TIMEOUT);

    kube.clusters().startJob(t, r);
    JobState end = awaitDone(t, r.name());

    assertThat(end.phase()).isEqualTo(JobState.Phase.FAILED);
    assertThat(end.reason()).isEqualTo("BackoffLimitExceeded");
    assertThat(kube.clusters().jobLog(t, r.name(), 5))
        .anyMatch(l -> l.contains("column \"tenant_id\" of relation \"users\" already exists"));
  }

  @Test
  void aReRunReplacesTheEarlierJobAndStartingTwiceIsOneJob() {
    Target t = seed();
    JobRequest failed = request(t, 9, "honeydue/api:def456-migfail", TIMEOUT);
    kube.clusters().startJob(t, failed);
    awaitDone(t, failed.name());

    JobRequest again = request(t, 10, "honeydue/api:def457", TIMEOUT);
    kube.clusters().startJob(t, again);
    kube.clusters().startJob(t, again);

    assertThat(awaitDone(t, again.name()).phase()).isEqualTo(JobState.Phase.COMPLETE);
    assertThat(jobsOf(t)).extracting(j -> j.getMetadata().getName()).containsExactly(again.name());
    assertThatThrownBy(() -> kube.clusters().job(t, failed.name()))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("is gone");
  }

  @Test
  void aMigrationPastItsTimeoutFails() {
    Target t = seed();
    JobRequest r = request(t, 11, "honeydue/api:def456-migslow", Duration.ofSeconds(2));

    kube.clusters().startJob(t, r);

    JobState end = awaitDone(t, r.name());
    assertThat(end.phase()).isEqualTo(JobState.Phase.FAILED);
    assertThat(end.reason()).isEqualTo("DeadlineExceeded");
  }

  @Test
  void aTargetWithoutItsContainerIsRefused() {
    Target t = seed();
    Target wrong = new Target(CLUSTER, NS, t.deployment(), "worker");

    assertThatThrownBy(() -> kube.clusters().startJob(wrong, request(wrong, 12, "x/y:1", TIMEOUT)))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("has no container worker to run the migration in");
    assertThat(jobsOf(t)).isEmpty();
  }

  @Test
  void jobNamesFitALabel() {
    assertThat(JobRequest.nameFor("api", 42)).isEqualTo("api-migrate-42");
    String longName = "a".repeat(60) + "-b";
    assertThat(JobRequest.nameFor(longName, 123456))
        .hasSizeLessThanOrEqualTo(63)
        .endsWith("-migrate-123456");
  }
}
