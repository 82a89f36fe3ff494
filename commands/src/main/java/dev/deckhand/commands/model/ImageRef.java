package dev.deckhand.commands.model;

import java.util.Objects;

/**
 * A fully resolved image: repository, tag and content digest. Rendered as {@code repo:tag@digest},
 * so a node runs exactly the resolved content whatever its pull policy.
 */
public record ImageRef(String repository, String tag, String digest) {
  public ImageRef {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    if (digest != null && !digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
  }

  /** The reference a pod spec should carry: {@code repository:tag@sha256:...}. */
  public String pinned() {
    return digest == null ? repository + ":" + tag : repository + ":" + tag + "@" + digest;
  }

  /**
   * Parses {@code repo[:tag][@digest]} as found in a pod spec. A registry host with a port ({@code
   * host:5000/x}) is kept in the repository.
   */
  public static ImageRef parse(String image) {
    String digest = null;
    String rest = image;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    String tag = "latest";
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new ImageRef(rest, tag, digest);
  }

  /** {@code tag@sha256:0123456789ab}: enough to tell builds apart in chat. */
  public String shortForm() {
    return digest == null ? tag : tag + "@" + digest.substring(0, Math.min(digest.length(), 19));
  }

  @Override
  public String toString() {
    return pinned();
  }
}
