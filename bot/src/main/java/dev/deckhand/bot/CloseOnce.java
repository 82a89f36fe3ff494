package dev.deckhand.bot;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources closed once, in the reverse order they were added, by whichever caller comes first (the
 * main thread ending, or a shutdown hook); a second caller waits until the first has finished. A
 * failure to close one is logged and the others are still closed.
 */
final class CloseOnce {
  private static final Logger log = LoggerFactory.getLogger(CloseOnce.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private boolean closed;

  /** Adds a resource and returns it; closes it at once if everything is closed already. */
  synchronized <T extends AutoCloseable> T add(T resource) {
    if (closed) {
      closeQuietly(resource);
      throw new IllegalStateException("Deckhand is stopping");
    }
    resources.push(resource);
    return resource;
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      closeQuietly(resources.pop());
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("while closing {}", resource.getClass().getSimpleName(), e);
    }
  }
}
