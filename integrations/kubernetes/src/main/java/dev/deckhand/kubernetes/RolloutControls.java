package dev.deckhand.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code kubectl rollout restart}, {@code kubectl scale} and {@code kubectl rollout pause/resume},
 * each one JSON merge patch of the deployment (the mock API has no strategic merge, and a merge
 * patch needs no read first). Each is idempotent: the same arguments again leave the spec, hence
 * the generation, as it is. Thread-safe.
 */
final class RolloutControls {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DeploymentApi api;

  RolloutControls(DeploymentApi api) {
    this.api = api;
  }

  /** RFC 3339 with seconds, in UTC: {@code 2026-12-04T14:02:00Z}. */
  static String rfc3339(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Sets the pod template's restartedAt annotation and the change cause. Refused, as kubectl
   * refuses it, while the deployment is paused: the new template would not roll until a resume.
   */
  long restart(Target t, Instant at, String changeCause) {
    Deployment d = api.get(t);
    if (d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())) {
      throw new ClusterException(
          describe(t)
              + " is paused, so a restart would not roll any pod; resume it first (kubectl"
              + " refuses too)");
    }
    ObjectNode patch = JSON.objectNode();
    patch.putObject("metadata").putObject("annotations").put(KubeObjects.CHANGE_CAUSE, changeCause);
    patch
        .putObject("spec")
        .putObject("template")
        .putObject("metadata")
        .putObject("annotations")
        .put(KubeObjects.RESTARTED_AT, rfc3339(at));
    return generation(api.mergePatch(t, patch, "restarting"));
  }

  long scale(Target t, int replicas) {
    if (replicas < 0) {
      throw new ClusterException(
          "cannot scale " + describe(t) + " to " + replicas + " replicas: give 0 or more");
    }
    ObjectNode patch = JSON.objectNode();
    patch.putObject("spec").put("replicas", replicas);
    return generation(api.mergePatch(t, patch, "scaling"));
  }

  /**
   * Pausing sets {@code spec.paused} and the paused-by and paused-at annotations in one merge
   * patch. Resuming clears {@code spec.paused} and removes those annotations with one JSON patch (a
   * merge patch's null would do on a real API server, but the mock stores the null): each removal
   * is guarded by a test of the value just read, so a pause written in between makes the patch fail
   * instead of being half undone.
   */
  long pause(Target t, boolean paused, String by, Instant at) {
    if (!paused) {
      return resume(t);
    }
    ObjectNode patch = JSON.objectNode();
    patch.putObject("spec").put("paused", true);
    patch
        .putObject("metadata")
        .putObject("annotations")
        .put(KubeObjects.PAUSED_BY, by == null ? "" : by)
        .put(KubeObjects.PAUSED_AT, rfc3339(at));
    return generation(api.mergePatch(t, patch, "pausing"));
  }

  private long resume(Target t) {
    Deployment d = api.get(t);
    JsonPatch patch = new JsonPatch().add("/spec/paused", false);
    for (String key : new String[] {KubeObjects.PAUSED_BY, KubeObjects.PAUSED_AT}) {
      Map<String, String> annotations = d.getMetadata().getAnnotations();
      if (annotations != null && annotations.containsKey(key)) {
        String path = "/metadata/annotations/" + JsonPatch.escape(key);
        patch.test(path, annotations.get(key)).remove(path);
      }
    }
    return generation(api.jsonPatch(t, patch.ops(), "resuming"));
  }

  private static long generation(Deployment patched) {
    Long generation = patched.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static String describe(Target t) {
    return "deployment " + t.namespace() + "/" + t.deployment() + " in cluster " + t.cluster();
  }
}
