package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs in kube-sim: they complete, fail by image tag, retry up to their backoff limit, time out.
 */
class JobIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String NS = "default";

  private static SimCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster =
        SimCluster.start("jobs", SimOptions.defaults().withPodReadyDelay(Duration.ofMillis(100)));
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static Job job(String name, String image, int backoffLimit, Long deadline) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(backoffLimit)
                .withActiveDeadlineSeconds(deadline)
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "api")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("migrate")
                .withImage(image)
                .withCommand("goose", "up")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private static JobCondition awaitEnd(String name) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> {
              Job j = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
              return j.getStatus() == null || j.getStatus().getConditions() == null
                  ? null
                  : j.getStatus().getConditions().stream()
                      .filter(c -> "True".equals(c.getStatus()))
                      .findFirst()
                      .orElse(null);
            },
            c -> c != null);
  }

  private static List<Pod> podsOf(String job) {
    return client.pods().inNamespace(NS).withLabel("job-name", job).list().getItems();
  }

  private static List<Event> eventsOf(String kind, String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void aJobRunsOnePodToCompletionAndItsLogShowsTheMigration() {
    job("migrate-ok", "acme/api:1.2", 0, null);

    JobCondition end = awaitEnd("migrate-ok");

    assertThat(end.getType()).isEqualTo("Complete");
    Job j = client.batch().v1().jobs().inNamespace(NS).withName("migrate-ok").get();
    assertThat(j.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(j.getStatus().getActive()).isZero();
    assertThat(j.getStatus().getCompletionTime()).isNotNull();
    Pod pod = podsOf("migrate-ok").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Job");
    String log = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).getLog();
    assertThat(log).contains("goose: successfully migrated database");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(eventsOf("Job", "migrate-ok"))
                    .extracting(Event::getReason)
                    .contains("SuccessfulCreate", "Completed"));
  }

  @Test
  void aFailingMigrationFailsTheJobWithItsReasonAndItsLog() {
    job("migrate-bad", "acme/api:1.2-migfail", 0, null);

    JobCondition end = awaitEnd("migrate-bad");

    assertThat(end.getType()).isEqualTo("Failed");
    assertThat(end.getReason()).isEqualTo("BackoffLimitExceeded");
    Pod pod = podsOf("migrate-bad").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(
            pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
        .isEqualTo(1);
    assertThat(client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).getLog())
        .contains("ERROR: column \"tenant_id\" of relation \"users\" already exists");
  }

  @Test
  void aFailedPodIsRetriedUpToTheBackoffLimit() {
    job("migrate-retry", "acme/api:1.2-migfail", 1, null);

    JobCondition end = awaitEnd("migrate-retry");

    assertThat(end.getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(podsOf("migrate-retry")).hasSize(2);
    Job j = client.batch().v1().jobs().inNamespace(NS).withName("migrate-retry").get();
    assertThat(j.getStatus().getFailed()).isEqualTo(2);
  }

  @Test
  void aJobPastItsActiveDeadlineFailsAndItsPodIsStopped() {
    job("migrate-slow", "acme/api:1.2-migslow", 0, 2L);

    JobCondition end = awaitEnd("migrate-slow");

    assertThat(end.getType()).isEqualTo("Failed");
    assertThat(end.getReason()).isEqualTo("DeadlineExceeded");
    await().atMost(PATIENCE).until(() -> podsOf("migrate-slow").isEmpty());
  }

  @Test
  void deletingAJobCollectsItsPodsAndTheNameCanBeUsedAgain() {
    job("migrate-again", "acme/api:1.2-migfail", 0, null);
    awaitEnd("migrate-again");

    client.batch().v1().jobs().inNamespace(NS).withName("migrate-again").delete();
    await().atMost(PATIENCE).until(() -> podsOf("migrate-again").isEmpty());
    job("migrate-again", "acme/api:1.3", 0, null);

    assertThat(awaitEnd("migrate-again").getType()).isEqualTo("Complete");
  }
}
