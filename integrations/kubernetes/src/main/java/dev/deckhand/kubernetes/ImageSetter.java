package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * {@code kubectl set image} done with one JSON patch: the container is addressed by index, and a
 * {@code test} operation on its name makes the patch fail, instead of changing the wrong container,
 * when the containers were reordered between our read and our patch. Thread-safe.
 */
final class ImageSetter {
  private final DeploymentApi api;

  ImageSetter(DeploymentApi api) {
    this.api = api;
  }

  long setImage(Target t, String image, String changeCause) {
    Deployment d = api.get(t);
    int i = KubeObjects.containerIndex(KubeObjects.template(d), t.container());
    if (i < 0) {
      throw SnapshotAssembler.noSuchContainer(t, d);
    }
    JsonPatch patch = patch(d, i, t.container(), image, changeCause);
    try {
      Deployment patched = api.jsonPatch(t, patch.ops(), "setting the image of");
      Long generation = patched.getMetadata().getGeneration();
      return generation == null ? 0 : generation;
    } catch (ClusterException e) {
      throw concurrentChange(t, e);
    }
  }

  /** The patch for container {@code index} of {@code d}, guarded by a test of its name. */
  static JsonPatch patch(Deployment d, int index, String container, String image, String cause) {
    String path = "/spec/template/spec/containers/" + index;
    return new JsonPatch()
        .test(path + "/name", container)
        .replace(path + "/image", image)
        .setAnnotation(d, KubeObjects.CHANGE_CAUSE, cause);
  }

  /** A failed {@code test} comes back as 422 (409 for a conflict): say what that means. */
  private static ClusterException concurrentChange(Target t, ClusterException e) {
    if (e.getCause() instanceof io.fabric8.kubernetes.client.KubernetesClientException k
        && (k.getCode() == 422 || k.getCode() == 409)) {
      return new ClusterException(
          e.getMessage()
              + "; the deployment changed while Deckhand was setting the image of container '"
              + t.container()
              + "', so nothing was changed: try again",
          e.getCause());
    }
    return e;
  }
}
