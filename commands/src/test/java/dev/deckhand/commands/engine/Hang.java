package dev.deckhand.commands.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process killed in the middle of a call, for tests that resume on a fresh engine: the first
 * thread that runs into it parks there, deaf to interrupts, so the engine that owned it writes
 * nothing more (as after a {@code kill -9}). {@link #release()} at the end of the test lets the
 * thread go by throwing {@link Killed}, which no engine code catches as a result of its own.
 */
final class Hang implements Runnable {
  /** What the parked thread throws once released: it belonged to a process that is gone. */
  static final class Killed extends Error {
    Killed() {
      super("the process this thread belonged to was killed", null, false, false);
    }
  }

  private final AtomicBoolean armed = new AtomicBoolean(true);
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  @Override
  public void run() {
    if (!armed.compareAndSet(true, false)) {
      return;
    }
    reached.countDown();
    boolean interrupted = false;
    while (released.getCount() > 0) {
      try {
        released.await();
      } catch (InterruptedException e) {
        interrupted = true; // a dead process does not answer an interrupt either
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    throw new Killed();
  }

  /** Whether a thread has run into it. */
  boolean reached() {
    return reached.getCount() == 0;
  }

  void release() {
    released.countDown();
  }
}
