package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated control plane of one cluster: deployment controller, ReplicaSet controller, garbage
 * collector and kubelet in one loop. Informers on Deployments, ReplicaSets and Pods wake it; a
 * fixed tick moves time-driven state (pods becoming Ready, progress deadlines). All work runs on
 * one thread, so its parts need no locking; an error in one Deployment is logged and the loop
 * carries on. {@link #close()} stops the loop and the informers and waits for the thread.
 */
final class DeploymentController implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeploymentController.class);

  private final String clusterName;
  private final long tickMillis;
  private final ScheduledExecutorService loop;
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final ObjectView<Deployment> deployments;
  private final ObjectView<ReplicaSet> replicaSets;
  private final ObjectView<Pod> pods;
  private final ObjectView<Job> jobs;
  private final JobSync jobSync;
  private final ClusterWriter writer;
  private final Kubelet kubelet;
  private final GarbageCollector garbage;
  private final DeploymentSync deploymentSync;

  /** Wires the controller; nothing runs before {@link #start()}. */
  DeploymentController(
      String clusterName, KubernetesClient client, SimOptions options, Clock clock) {
    this.clusterName = clusterName;
    this.tickMillis = options.tick().toMillis();
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kube-sim-" + clusterName + "-controller");
              thread.setDaemon(true);
              return thread;
            });
    this.deployments =
        view(client.apps().deployments().inAnyNamespace().runnableInformer(0), clock);
    this.replicaSets =
        view(client.apps().replicaSets().inAnyNamespace().runnableInformer(0), clock);
    this.pods = view(client.pods().inAnyNamespace().runnableInformer(0), clock);
    this.jobs = view(client.batch().v1().jobs().inAnyNamespace().runnableInformer(0), clock);
    this.writer =
        new ClusterWriter(
            client, deployments, replicaSets, pods, jobs, new SimEvents(client, clock));
    this.jobSync = new JobSync(writer, options.podReadyDelay(), clock);
    this.kubelet = new Kubelet(new PodStatuses(options.podReadyDelay()), writer, clock);
    this.garbage = new GarbageCollector(writer);
    ReplicaSetSync replicaSetSync = new ReplicaSetSync(writer, kubelet, new SplittableRandom());
    this.deploymentSync =
        new DeploymentSync(
            writer, replicaSetSync, new PodTemplates(), new DeploymentStatuses(), clock);
  }

  /**
   * Starts the informers, blocks until they have listed everything, then starts the loop.
   *
   * @throws IllegalStateException if the informers cannot list within 30 seconds
   */
  void start() {
    ResourceEventHandler<HasMetadata> wake = new WakeUp();
    try {
      for (SharedIndexInformer<?> informer : informers) {
        informer.addEventHandler(wake(wake));
        informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting informers", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("informers of cluster " + clusterName + " did not sync", e);
    }
    loop.scheduleWithFixedDelay(this::reconcileAll, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the controller thread every {@code period}, logging its failures. */
  void every(java.time.Duration period, Runnable task) {
    loop.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("cluster {}: housekeeping failed", clusterName, e);
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("controller of cluster {} did not stop within 10 s", clusterName);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    informers.forEach(SharedIndexInformer::close);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResourceEventHandler wake(ResourceEventHandler<HasMetadata> handler) {
    return handler;
  }

  private <T extends HasMetadata> ObjectView<T> view(SharedIndexInformer<T> informer, Clock clock) {
    informers.add(informer);
    return new ObjectView<>(informer, clock);
  }

  /** Coalesces bursts of events into one reconcile shortly after. */
  private void wakeUp() {
    if (wakeUpPending.compareAndSet(false, true) && !loop.isShutdown()) {
      try {
        loop.schedule(this::reconcileAll, 10, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        // closing: nothing left to do
      }
    }
  }

  private void reconcileAll() {
    wakeUpPending.set(false);
    try {
      List<Deployment> allDeployments = deployments.list();
      List<ReplicaSet> allSets = garbage.collect("Deployment", allDeployments, replicaSets.list());
      List<Job> allJobs = jobs.list();
      List<Pod> survivors =
          garbage.collect("Job", allJobs, garbage.collect("ReplicaSet", allSets, pods.list()));
      List<Pod> jobPods = survivors.stream().filter(DeploymentController::ofJob).toList();
      List<Pod> allPods = kubelet.refresh(survivors.stream().filter(p -> !ofJob(p)).toList());
      syncJobs(allJobs, jobPods);
      Map<String, List<ReplicaSet>> setsByOwner = byController(allSets);
      Map<String, List<Pod>> podsByOwner = new HashMap<>();
      for (Pod pod : allPods) {
        if (pod.getMetadata().getDeletionTimestamp() == null) {
          OwnerReference owner = controllerOf(pod);
          if (owner != null) {
            podsByOwner.computeIfAbsent(owner.getUid(), uid -> new ArrayList<>()).add(pod);
          }
        }
      }
      for (Deployment deployment : allDeployments) {
        if (deployment.getMetadata().getDeletionTimestamp() != null) {
          continue;
        }
        try {
          deploymentSync.sync(
              deployment,
              setsByOwner.getOrDefault(deployment.getMetadata().getUid(), List.of()),
              podsByOwner);
        } catch (RuntimeException e) {
          log.warn(
              "cluster {}: while syncing deployment {}/{}: {}",
              clusterName,
              deployment.getMetadata().getNamespace(),
              deployment.getMetadata().getName(),
              e.toString());
        }
      }
    } catch (RuntimeException e) {
      if (!loop.isShutdown()) {
        log.warn("cluster {}: reconcile failed, retrying on the next tick", clusterName, e);
      }
    }
  }

  private void syncJobs(List<Job> allJobs, List<Pod> jobPods) {
    jobSync.retain(jobPods);
    Map<String, List<Pod>> byJob = new HashMap<>();
    for (Pod pod : jobPods) {
      if (pod.getMetadata().getDeletionTimestamp() == null) {
        byJob.computeIfAbsent(controllerOf(pod).getUid(), uid -> new ArrayList<>()).add(pod);
      }
    }
    for (Job job : allJobs) {
      try {
        jobSync.sync(job, byJob.getOrDefault(job.getMetadata().getUid(), List.of()));
      } catch (RuntimeException e) {
        log.warn(
            "cluster {}: while syncing job {}/{}: {}",
            clusterName,
            job.getMetadata().getNamespace(),
            job.getMetadata().getName(),
            e.toString());
      }
    }
  }

  private static boolean ofJob(Pod pod) {
    OwnerReference owner = controllerOf(pod);
    return owner != null && "Job".equals(owner.getKind());
  }

  private static Map<String, List<ReplicaSet>> byController(List<ReplicaSet> sets) {
    Map<String, List<ReplicaSet>> result = new HashMap<>();
    for (ReplicaSet rs : sets) {
      OwnerReference owner = controllerOf(rs);
      if (owner != null && "Deployment".equals(owner.getKind())) {
        result.computeIfAbsent(owner.getUid(), uid -> new ArrayList<>()).add(rs);
      }
    }
    return result;
  }

  static OwnerReference controllerOf(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return null;
    }
    return owners.stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst()
        .orElse(null);
  }

  private final class WakeUp implements ResourceEventHandler<HasMetadata> {
    @Override
    public void onAdd(HasMetadata obj) {
      wakeUp();
    }

    @Override
    public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
      wakeUp();
    }

    @Override
    public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
      wakeUp();
    }
  }
}
