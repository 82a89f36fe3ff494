package dev.deckhand.bot;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bot's one executor for work that never blocks, shared by everything that needs a thread only
 * to hand results on:
 *
 * <ul>
 *   <li>every JDK {@link java.net.http.HttpClient} (the Kubernetes clients, the registry clients,
 *       the health probe): a JDK client does its I/O on its own selector thread, its executor only
 *       completes futures and delivers response and watch bytes (fabric8 parses a watch event there
 *       and updates its informer's cache);
 *   <li>fabric8's tasks: the informers' event handlers, which recompute a rollout snapshot from the
 *       caches and hand it to a listener that must not block ({@code Cluster.watch}), each
 *       informer's serialised on one thread at a time;
 *   <li>the first snapshot of each rollout watch.
 * </ul>
 *
 * Their defaults are an unbounded cached pool per HTTP client and per Kubernetes client, and a
 * thread of its own for first deliveries: 200 health checks at once made 200 threads, and later a
 * few bounded pools per client still kept five threads for what {@value #THREADS} carry. Blocking
 * calls (patches, registry and health requests, chat posts) run on the engine's workers, which wait
 * for these. Threads are daemons and end when idle. Close it after everything that uses it.
 */
final class IoThreads implements AutoCloseable {
  static final int THREADS = 2;

  private final ThreadPoolExecutor pool;

  IoThreads() {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "deckhand-io-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  Executor executor() {
    return pool;
  }

  /** Lets queued work finish, then ends the threads. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
