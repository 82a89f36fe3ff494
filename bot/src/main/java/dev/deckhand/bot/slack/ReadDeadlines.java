package dev.deckhand.bot.slack;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint's executor, with the read timeouts the JDK server lacks. The JDK server reads a
 * request's line and headers on the executor's thread, in blocking mode, before any handler runs;
 * each task therefore starts with a deadline for the headers, which the handler replaces with one
 * for the body ({@link #bodyDeadline}) and clears once the body is in ({@link #bodyRead}). A thread
 * still reading when its deadline passes is interrupted: its channel is interruptible, so the
 * blocked read ends with {@code ClosedByInterruptException} and the connection is closed. Only
 * reading is ever interrupted, never the work after it; the interrupt status is cleared before the
 * thread takes its next task. Thread-safe.
 */
final class ReadDeadlines implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReadDeadlines.class);

  private final Duration headers;
  private final ExecutorService threads;
  private final ScheduledExecutorService timer;
  private final ThreadLocal<Reading> current = new ThreadLocal<>();

  /**
   * @param threads how many requests are served at once (headers being read included)
   * @param headers how long the request line and headers may take to arrive
   */
  ReadDeadlines(int threads, Duration headers) {
    this.headers = headers;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(threads, r -> daemon(r, "slack-http-" + n.incrementAndGet()));
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, r -> daemon(r, "slack-http-deadlines"));
    timer.setRemoveOnCancelPolicy(true);
    this.timer = timer;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void execute(Runnable exchange) {
    threads.execute(
        () -> {
          Reading reading = new Reading(Thread.currentThread());
          current.set(reading);
          reading.arm(headers, "its headers");
          try {
            exchange.run();
          } finally {
            reading.done();
            current.remove();
            Thread.interrupted(); // an expiry that came while the read ended: not for the next task
          }
        });
  }

  /** On a request's thread: from now on, the body must be in within {@code bound}. */
  void bodyDeadline(Duration bound) {
    current.get().arm(bound, "its body");
  }

  /**
   * On a request's thread: the body is in; nothing interrupts this thread any more.
   *
   * @return false when the deadline passed first (the connection is closed: answer nothing)
   */
  boolean bodyRead() {
    return current.get().done();
  }

  @Override
  public void close() {
    threads.shutdown();
    timer.shutdownNow();
    try {
      if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One request being read on one thread; its state changes under its own lock. */
  private final class Reading {
    private final Thread thread;
    private ScheduledFuture<?> expiry;
    private boolean reading = true;
    private boolean expired;

    Reading(Thread thread) {
      this.thread = thread;
    }

    synchronized void arm(Duration bound, String what) {
      if (!reading) {
        return;
      }
      if (expiry != null) {
        expiry.cancel(false);
      }
      expiry = timer.schedule(() -> expire(bound, what), bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(Duration bound, String what) {
      if (reading) {
        reading = false;
        expired = true;
        log.info(
            "closed a connection to the Slack endpoint that had not sent {} within {} ms",
            what,
            bound.toMillis());
        thread.interrupt();
      }
    }

    /** Stops the clock; false when it had already run out. */
    synchronized boolean done() {
      reading = false;
      if (expiry != null) {
        expiry.cancel(false);
      }
      return !expired;
    }
  }
}
