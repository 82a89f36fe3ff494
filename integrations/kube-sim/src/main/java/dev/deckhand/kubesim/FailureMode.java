package dev.deckhand.kubesim;

/**
 * What a simulated container does, chosen by the suffix of its image tag (the part after the last
 * {@code :} of the name, before any {@code @sha256:} digest).
 */
enum FailureMode {
  /** Starts and becomes Ready after the configured delay. */
  NONE,
  /** Exits with code 1 again and again: {@code CrashLoopBackOff}, last state {@code Error}. */
  CRASH,
  /** The image cannot be pulled: {@code ErrImagePull}, then {@code ImagePullBackOff}. */
  PULL_FAIL,
  /** Runs but never passes its readiness probe, so the progress deadline is exceeded. */
  SLOW,
  /** Killed for memory again and again: {@code CrashLoopBackOff}, last state {@code OOMKilled}. */
  OOM,
  /** Rolls out normally; only the health endpoint reports it degraded. */
  UNHEALTHY;

  static FailureMode ofImage(String image) {
    String tag = tagOf(image);
    if (tag.endsWith("-crash")) {
      return CRASH;
    }
    if (tag.endsWith("-pullfail")) {
      return PULL_FAIL;
    }
    if (tag.endsWith("-slow")) {
      return SLOW;
    }
    if (tag.endsWith("-oom")) {
      return OOM;
    }
    if (tag.endsWith("-unhealthy")) {
      return UNHEALTHY;
    }
    return NONE;
  }

  /**
   * The tag of an image reference: {@code repo:tag}, {@code host:5000/repo:tag@sha256:…}; {@code
   * latest} when there is none.
   */
  static String tagOf(String image) {
    if (image == null) {
      return "latest";
    }
    int at = image.indexOf('@');
    String name = at >= 0 ? image.substring(0, at) : image;
    int colon = name.lastIndexOf(':');
    if (colon < 0 || colon < name.lastIndexOf('/')) {
      return "latest";
    }
    return name.substring(colon + 1);
  }

  /** The repository part of an image reference, without tag or digest. */
  static String repositoryOf(String image) {
    int at = image.indexOf('@');
    String name = at >= 0 ? image.substring(0, at) : image;
    int colon = name.lastIndexOf(':');
    return colon < 0 || colon < name.lastIndexOf('/') ? name : name.substring(0, colon);
  }
}
