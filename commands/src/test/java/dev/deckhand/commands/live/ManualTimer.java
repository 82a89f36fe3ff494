package dev.deckhand.commands.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer whose scheduled tasks run only when the test says so: {@link #schedule(Runnable, long,
 * TimeUnit)} records the task and its delay, {@link #fire()} runs those recorded so far. Shows that
 * a wait was scheduled (and for how long) rather than slept, without any test waiting.
 */
final class ManualTimer extends ScheduledThreadPoolExecutor {
  record Task(Runnable task, long delayMillis) {}

  private final List<Task> tasks = new ArrayList<>();

  ManualTimer() {
    super(0);
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    tasks.add(new Task(task, unit.toMillis(delay)));
    return null;
  }

  /** The delays of the tasks waiting, in the order they were scheduled. */
  synchronized List<Long> delays() {
    return tasks.stream().map(Task::delayMillis).toList();
  }

  /** Runs every task scheduled so far (not those they schedule in turn). */
  void fire() {
    List<Task> due;
    synchronized (this) {
      due = List.copyOf(tasks);
      tasks.clear();
    }
    due.forEach(t -> t.task().run());
  }
}
