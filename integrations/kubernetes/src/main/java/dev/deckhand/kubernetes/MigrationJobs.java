package dev.deckhand.kubernetes;

import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration Jobs built from a deployment's own pod template, so that they run with its env,
 * secrets, volumes and service account. The Job's pod carries only Deckhand's labels, never the
 * template's: a Service selecting the app must not send traffic to a migration. Thread-safe.
 */
final class MigrationJobs {
  /** The label naming the deployment a migration Job belongs to. */
  static final String MIGRATION_OF = "deckhand.dev/migration-of";

  /** The label naming the operation that started it. */
  static final String OPERATION = "deckhand.dev/operation";

  private static final Logger log = LoggerFactory.getLogger(MigrationJobs.class);

  private final DeploymentApi api;

  MigrationJobs(DeploymentApi api) {
    this.api = api;
  }

  void start(Target t, JobRequest request) {
    KubernetesClient client = api.client();
    var jobs = client.batch().v1().jobs().inNamespace(t.namespace());
    try {
      for (Job old : jobs.withLabel(MIGRATION_OF, t.deployment()).list().getItems()) {
        if (!old.getMetadata().getName().equals(request.name())) {
          jobs.withName(old.getMetadata().getName())
              .withPropagationPolicy(DeletionPropagation.BACKGROUND)
              .delete();
        }
      }
      if (jobs.withName(request.name()).get() != null) {
        return;
      }
      jobs.resource(job(t, api.get(t), request)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return;
      }
      throw Failures.wrap(e, "starting migration Job " + request.name() + " for", t);
    }
  }

  JobState state(Target t, String name) {
    Job job;
    try {
      job = api.client().batch().v1().jobs().inNamespace(t.namespace()).withName(name).get();
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "reading migration Job " + name + " of", t);
    }
    if (job == null) {
      throw new ClusterException(
          "migration Job "
              + t.namespace()
              + "/"
              + name
              + " is gone from cluster "
              + t.cluster()
              + " (deleted by someone?)");
    }
    String pod = newestPod(t, name).map(p -> p.getMetadata().getName()).orElse("");
    List<JobCondition> conditions =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? List.of()
            : job.getStatus().getConditions();
    for (JobCondition c : conditions) {
      if (!"True".equals(c.getStatus())) {
        continue;
      }
      if ("Complete".equals(c.getType())) {
        return new JobState(JobState.Phase.COMPLETE, pod, "", "");
      }
      if ("Failed".equals(c.getType())) {
        return new JobState(
            JobState.Phase.FAILED,
            pod,
            Objects.toString(c.getReason(), ""),
            Objects.toString(c.getMessage(), ""));
      }
    }
    return new JobState(JobState.Phase.RUNNING, pod, "", "");
  }

  List<String> log(Target t, String name, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    return newestPod(t, name)
        .map(
            pod -> {
              try {
                String text =
                    api.client()
                        .pods()
                        .inNamespace(t.namespace())
                        .withName(pod.getMetadata().getName())
                        .inContainer(t.container())
                        .tailingLines(lines)
                        .getLog();
                return text == null || text.isEmpty()
                    ? List.<String>of()
                    : List.of(text.split("\\R"));
              } catch (KubernetesClientException e) {
                log.debug("no log for migration Job {} of {}", name, t.deployment(), e);
                return List.<String>of();
              }
            })
        .orElse(List.of());
  }

  private java.util.Optional<Pod> newestPod(Target t, String job) {
    try {
      return api
          .client()
          .pods()
          .inNamespace(t.namespace())
          .withLabel("job-name", job)
          .list()
          .getItems()
          .stream()
          .max(
              Comparator.comparing(
                      (Pod p) -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""))
                  .thenComparing(p -> p.getMetadata().getName()));
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "listing the pods of migration Job " + job + " of", t);
    }
  }

  private Job job(Target t, Deployment d, JobRequest request) {
    PodSpec spec =
        api.client().getKubernetesSerialization().clone(d.getSpec().getTemplate().getSpec());
    Container container =
        spec.getContainers().stream()
            .filter(c -> c.getName().equals(t.container()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ClusterException(
                        "deployment "
                            + t.namespace()
                            + "/"
                            + t.deployment()
                            + " has no container "
                            + t.container()
                            + " to run the migration in"));
    container.setImage(request.image());
    container.setCommand(request.command());
    container.setArgs(null);
    container.setReadinessProbe(null);
    container.setLivenessProbe(null);
    container.setStartupProbe(null);
    container.setPorts(null);
    spec.setContainers(List.of(container));
    spec.setRestartPolicy("Never");
    Map<String, String> labels =
        Map.of(MIGRATION_OF, t.deployment(), OPERATION, Long.toString(request.operationId()));
    return new JobBuilder()
        .withNewMetadata()
        .withName(request.name())
        .withNamespace(t.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(request.timeout().toSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }
}
