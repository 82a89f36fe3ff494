package dev.deckhand.commands.ports;

/**
 * Builds an image from a checked-out build context through a container engine's API and pushes it.
 * Blocking; one build per call. The adapter never shells out.
 */
public interface ImageBuilder {

  /**
   * Builds {@code request}, then pushes every reference of it.
   *
   * @param log receives each build step as it starts and every output line, on the caller's thread
   *     or the adapter's; it must not block
   * @return the digest of the pushed manifest and the references pushed
   * @throws BuildException when a step fails (with that step and its last lines), the engine cannot
   *     be reached, the build outlives its timeout, or a push is refused; nothing is pushed when
   *     the build itself failed
   */
  BuildResult build(BuildRequest request, BuildLog log);
}
