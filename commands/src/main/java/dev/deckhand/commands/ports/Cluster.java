package dev.deckhand.commands.ports;

import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.Description;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.look.PodLog;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Kubernetes operations Deckhand needs on deployments, for every cluster the catalog names (the
 * cluster is part of the {@link Target}).
 *
 * <p>All methods are thread-safe. The read and write methods block on the API server and throw
 * {@link ClusterException} with a message fit for users ("deployment coachpilot/x not found in
 * cluster staging"). Writes use JSON or merge patches, never strategic merge.
 */
public interface Cluster {

  /** Reads the deployment as it is now. */
  RolloutSnapshot read(Target target);

  /**
   * Sets the image of the target's container (found by name) and records {@code changeCause} as the
   * {@code kubernetes.io/change-cause} annotation, in one patch. Idempotent: setting the same image
   * again changes nothing but the annotation.
   *
   * @return the deployment's {@code metadata.generation} after the patch
   */
  long setImage(Target target, String image, String changeCause);

  /**
   * {@code kubectl rollout undo}: copies the pod template of the ReplicaSet with revision {@code
   * toRevision} (0 = the previous revision) into the deployment.
   *
   * @return the deployment's generation after the patch
   * @throws ClusterException when the revision does not exist or there is no previous one
   */
  long undo(Target target, long toRevision, String changeCause);

  /**
   * {@code kubectl rollout restart}: sets the pod template annotation {@code
   * kubectl.kubernetes.io/restartedAt} to {@code at} (RFC 3339, seconds) and records {@code
   * changeCause}, in one merge patch. Idempotent: the same {@code at} again changes nothing but the
   * change-cause.
   *
   * @return the deployment's generation after the patch
   */
  long restart(Target target, java.time.Instant at, String changeCause);

  /**
   * Sets {@code spec.replicas}. Idempotent.
   *
   * @return the deployment's generation after the patch
   */
  long scale(Target target, int replicas);

  /**
   * Sets {@code spec.paused}. Pausing also writes who paused it and when as the annotations {@code
   * deckhand.dev/paused-by} and {@code deckhand.dev/paused-at} (read back as {@link
   * dev.deckhand.commands.rollout.Pause}); resuming removes them. Idempotent.
   *
   * @param by who pauses (a display name); ignored when resuming
   * @return the deployment's generation after the patch
   */
  long pause(Target target, boolean paused, String by, java.time.Instant at);

  /** The rollout history, oldest first, from the ReplicaSets the deployment owns. */
  List<Revision> history(Target target);

  /** The last {@code lines} log lines of a pod's container; empty when none can be read. */
  List<String> logTail(Target target, String pod, int lines);

  /**
   * {@code kubectl logs}: lines of the newest pod of the target (among the pods its ReplicaSets
   * own, one of the newest revision's, the newest created), as {@code query} asks. A cluster that
   * cannot read logs answers with a {@link ClusterException}, as this default does.
   *
   * @throws ClusterException when the deployment or a pod is missing, the container is unknown, or
   *     there is no previous instance to read
   */
  default PodLog logs(Target target, LogQuery query) {
    throw new ClusterException("this cluster cannot read logs");
  }

  /**
   * The events about the deployment, its ReplicaSets and their pods, newest first, at most {@code
   * limit}. A cluster that cannot list events answers with a {@link ClusterException}.
   */
  default List<ClusterEvent> events(Target target, int limit) {
    throw new ClusterException("this cluster cannot list events");
  }

  /**
   * {@code kubectl describe deployment}, the parts that matter when a rollout misbehaves. A cluster
   * that cannot describe answers with a {@link ClusterException}.
   */
  default Description describe(Target target) {
    throw new ClusterException("this cluster cannot describe deployments");
  }

  /**
   * Starts a migration Job from the target deployment's pod template. Idempotent per name: when the
   * Job already exists (a resumed operation), it is left as it is. Other migration Jobs of the same
   * deployment (an earlier operation's, finished or not) are deleted first, with their pods, so a
   * re-run never meets the old Job. A cluster that cannot run Jobs answers with a {@link
   * ClusterException}.
   */
  default void startJob(Target target, JobRequest request) {
    throw new ClusterException("this cluster cannot run Jobs");
  }

  /**
   * Where the named migration Job of the target stands.
   *
   * @throws ClusterException when it does not exist (deleted by someone) or cannot be read
   */
  default JobState job(Target target, String name) {
    throw new ClusterException("this cluster cannot run Jobs");
  }

  /**
   * The last {@code lines} log lines of the named Job's newest pod; empty when none can be read.
   */
  default List<String> jobLog(Target target, String name, int lines) {
    return List.of();
  }

  /**
   * The data of the named ConfigMap in the target's namespace; empty when it does not exist. A
   * cluster that cannot read ConfigMaps answers with a {@link ClusterException}, as this default
   * does.
   */
  default java.util.Optional<java.util.Map<String, String>> configMap(Target target, String name) {
    throw new ClusterException("this cluster cannot read ConfigMaps");
  }

  /**
   * Makes the named ConfigMap in the target's namespace hold exactly {@code data}: created when
   * absent, its data replaced otherwise (labels and annotations kept). Idempotent.
   */
  default void applyConfigMap(Target target, String name, java.util.Map<String, String> data) {
    throw new ClusterException("this cluster cannot write ConfigMaps");
  }

  /**
   * The keys of the named Secret in the target's namespace, each with the {@link
   * dev.deckhand.commands.model.Fingerprint#of fingerprint} of its decoded value (the values never
   * leave the adapter); empty when the Secret does not exist.
   */
  default java.util.Optional<java.util.Map<String, String>> secretFingerprints(
      Target target, String name) {
    throw new ClusterException("this cluster cannot read Secrets");
  }

  /**
   * Sets these keys of the named Secret in the target's namespace, keeping its other keys; creates
   * an {@code Opaque} Secret when absent. Idempotent. Neither the values nor anything derived from
   * them appear in the exception's message.
   */
  default void setSecretKeys(Target target, String name, java.util.Map<String, String> values) {
    throw new ClusterException("this cluster cannot write Secrets");
  }

  /**
   * {@code kubectl exec} without a shell: runs {@code request}'s argv in the pod it names, in the
   * target's cluster and namespace (the target's deployment and container are not used; the request
   * names the pod and the container), feeds it the request's stdin, and waits for its end up to the
   * request's timeout. A program that exits non-zero is a result, not an exception. A cluster that
   * cannot exec answers with a {@link ClusterException}, as this default does.
   *
   * @throws ClusterException when no pod is found or ready, the container is unknown, the exec
   *     cannot be started, or the timeout passed
   */
  default dev.deckhand.commands.exec.ExecResult exec(
      Target target, dev.deckhand.commands.exec.ExecRequest request) {
    throw new ClusterException("this cluster cannot exec");
  }

  /**
   * What server-side applying these manifests would change, per object in file order: {@code
   * Kind/name}, created, changed or unchanged, and the changed fields as lines ({@code
   * spec.replicas: 2 → 3}); only the fields a manifest sets are compared with the live object, and
   * a Secret's values are never shown ({@code data.KEY: changed}). Objects go into the target's
   * namespace; one naming another namespace is refused. Changes nothing. A cluster that cannot
   * apply manifests answers with a {@link ClusterException}, as this default does.
   *
   * @throws ClusterException when a file is not valid YAML, an object lacks {@code apiVersion},
   *     {@code kind} or {@code metadata.name}, names another namespace (the message says which file
   *     and what to write), or the cluster cannot be read
   */
  default List<dev.deckhand.commands.manifest.ObjectChange> planManifests(
      Target target, List<dev.deckhand.commands.manifest.Manifest> files) {
    throw new ClusterException("this cluster cannot apply manifests");
  }

  /**
   * Server-side applies every object of these manifests into the target's namespace, in file order,
   * with field manager {@code deckhand}, forcing conflicts. Idempotent. Deletes nothing.
   *
   * @throws ClusterException as {@link #planManifests}, or when the cluster refuses an object
   */
  default void applyManifests(Target target, List<dev.deckhand.commands.manifest.Manifest> files) {
    throw new ClusterException("this cluster cannot apply manifests");
  }

  /**
   * The deployment as it is now, or empty when it does not exist (a blue-green colour not created
   * yet). A cluster that cannot tell answers with a {@link ClusterException}, as this default does.
   */
  default java.util.Optional<RolloutSnapshot> find(Target target) {
    throw new ClusterException("this cluster cannot look deployments up");
  }

  /**
   * The selector of the named Service in the target's namespace.
   *
   * @throws ClusterException when the Service does not exist or has no selector
   */
  default java.util.Map<String, String> serviceSelector(Target target, String service) {
    throw new ClusterException("this cluster cannot read Services");
  }

  /**
   * Sets one key of the named Service's selector to {@code value}, or removes the key when {@code
   * value} is null, in one JSON merge patch; the selector's other keys stay. Idempotent.
   *
   * @throws ClusterException when the Service does not exist
   */
  default void setServiceSelector(Target target, String service, String key, String value) {
    throw new ClusterException("this cluster cannot patch Services");
  }

  /**
   * Creates, or replaces when it exists, the deployment {@code name} in the source's namespace as a
   * copy of the source deployment: its pod template and selector get {@code labels} added, the
   * source's container runs {@code image}, with {@code replicas} replicas. Annotations about
   * rollouts and the status are not copied. Idempotent: the same call again changes nothing.
   *
   * @return the copy's {@code metadata.generation} after the write
   * @throws ClusterException when the source does not exist
   */
  default long copyDeployment(
      Target source,
      String name,
      java.util.Map<String, String> labels,
      String image,
      int replicas) {
    throw new ClusterException("this cluster cannot copy deployments");
  }

  /**
   * The weights of the backends of the first rule of a weighted route that sends to Service {@code
   * service}: Service name → weight, in the route's order (a backend without a weight has the
   * platform's default, 1). Where the route names no port, nothing is implied.
   *
   * @throws ClusterException when the route does not exist, none of its rules sends to {@code
   *     service}, or a rule that does also sends to a Service other than {@code service} and {@code
   *     canary} (Deckhand splits only a rule of the stable Service alone)
   */
  default java.util.Map<String, Integer> routeWeights(
      Target target,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String service,
      String canary) {
    throw new ClusterException("this cluster cannot read routes");
  }

  /**
   * Splits the traffic of every rule of the route that sends to {@code service}, in one write: the
   * {@code canary} Service gets {@code canaryWeight} (its backend added on the stable backend's
   * port when absent) and {@code service} {@code 100 - canaryWeight}. A negative {@code
   * canaryWeight} removes the canary's backend and the stable one's weight: all traffic is back on
   * {@code service}. Idempotent.
   *
   * @throws ClusterException as {@link #routeWeights}, or when the cluster refuses the write
   */
  default void setRouteWeights(
      Target target,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String service,
      String canary,
      int canaryWeight) {
    throw new ClusterException("this cluster cannot write routes");
  }

  /**
   * Creates, or replaces when it exists, Service {@code name} in the target's namespace as a copy
   * of Service {@code source} (its ports and type, none of its identity, cluster IP or status) with
   * {@code selector}. Idempotent.
   *
   * @throws ClusterException when the source does not exist
   */
  default void copyService(
      Target target, String source, String name, java.util.Map<String, String> selector) {
    throw new ClusterException("this cluster cannot copy Services");
  }

  /** Deletes the named Service in the target's namespace. Idempotent. */
  default void deleteService(Target target, String name) {
    throw new ClusterException("this cluster cannot delete Services");
  }

  /** Deletes the target's deployment with its ReplicaSets and pods. Idempotent. */
  default void deleteDeployment(Target target) {
    throw new ClusterException("this cluster cannot delete deployments");
  }

  /**
   * Follows the target's rollout through a shared informer per (cluster, namespace, kind): the
   * listener gets a snapshot after every change of the deployment, its ReplicaSets or their pods,
   * and once at once. It runs on an informer thread and must not block. Closing the subscription
   * stops the calls; it never closes the shared informer.
   */
  Subscription watch(Target target, Consumer<RolloutSnapshot> listener);

  /** A registration to cancel. Idempotent. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
