package dev.deckhand.commands.manifest;

import dev.deckhand.commands.ports.ClusterException;

/**
 * A manifest the cluster adapter refuses before sending anything (not YAML, an object without
 * {@code kind}, another namespace than the target's): the user's to fix, with what to write.
 */
public class ManifestException extends ClusterException {
  private final String hint;

  public ManifestException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  /** What to write instead. */
  public String hint() {
    return hint;
  }
}
