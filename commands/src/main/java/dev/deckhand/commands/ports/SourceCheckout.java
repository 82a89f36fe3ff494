package dev.deckhand.commands.ports;

import java.nio.file.Path;

/**
 * Checks a ref of a local git repository out into a fresh directory, without a {@code git}
 * subprocess. Blocking.
 */
public interface SourceCheckout {

  /**
   * Resolves {@code ref} (a branch, a tag, a full or abbreviated commit) in {@code repository} and
   * writes that commit's tree into a new temporary directory.
   *
   * @return the tree and the commit; closing it deletes the directory
   * @throws SourceException when the repository is missing or unreadable, or the ref resolves to
   *     nothing or to more than one commit (the message says which)
   */
  Checkout checkout(Path repository, String ref);
}
