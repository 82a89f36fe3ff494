package dev.deckhand.commands.ports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A commit's tree written out to a directory of its own, deleted on {@link #close}.
 *
 * @param directory the tree
 * @param commit the full commit id
 * @param committed the commit's time
 * @param cleanup deletes the directory
 */
public record Checkout(Path directory, String commit, Instant committed, Runnable cleanup)
    implements AutoCloseable {
  public Checkout {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(committed, "committed");
    Objects.requireNonNull(cleanup, "cleanup");
  }

  /** The first seven characters of the commit id. */
  public String shortSha() {
    return commit.substring(0, Math.min(7, commit.length()));
  }

  @Override
  public void close() {
    cleanup.run();
  }
}
