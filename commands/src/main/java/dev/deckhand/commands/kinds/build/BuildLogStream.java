package dev.deckhand.commands.kinds.build;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A build's output on its way to chat: the step being built shown in the live message, the lines
 * posted under it in blocks (at most one every few seconds, so a chatty build stays within the
 * platform's budget), up to a bound; the last lines kept for a failure. Thread-safe.
 */
final class BuildLogStream implements BuildLog {
  /** Lines posted under the message at most; the rest stays in the engine's own log. */
  static final int MOST_STREAMED = 300;

  /** A block is posted when it has this many lines, or when {@link #EVERY} has passed. */
  static final int BLOCK = 40;

  static final Duration EVERY = Duration.ofSeconds(5);

  /** Lines shown with a failure. */
  static final int TAIL = 30;

  private final OperationRun run;
  private final Step step;
  private final Clock clock;
  private final List<String> unposted = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private int streamed;
  private Instant lastPost;
  private String current = "";

  BuildLogStream(OperationRun run, Step step, Clock clock) {
    this.run = run;
    this.step = step;
    this.clock = clock;
    this.lastPost = clock.instant();
  }

  @Override
  public void step(String name) {
    synchronized (this) {
      current = name;
    }
    run.step(step, StepState.RUNNING, name);
  }

  @Override
  public void line(String line) {
    List<String> block = null;
    synchronized (this) {
      tail.addLast(line);
      if (tail.size() > TAIL) {
        tail.removeFirst();
      }
      if (streamed + unposted.size() < MOST_STREAMED) {
        unposted.add(line);
      }
      Instant now = clock.instant();
      if (unposted.size() >= BLOCK
          || (!unposted.isEmpty() && !now.isBefore(lastPost.plus(EVERY)))) {
        block = take(now);
      }
    }
    post(block);
  }

  /** Posts what is left. */
  void flush() {
    List<String> block;
    synchronized (this) {
      block = unposted.isEmpty() ? null : take(clock.instant());
    }
    post(block);
  }

  /** Posts the failing step's last lines (the engine's when it gave them, else those seen). */
  void failed(BuildException e) {
    List<String> lines;
    String at;
    synchronized (this) {
      unposted.clear();
      lines = e.tail().isEmpty() ? List.copyOf(tail) : e.tail();
      at = e.step().orElse(current);
    }
    run.detail(
        new Reply.Listing(
            "Build failed"
                + (at.isEmpty() ? "" : " at " + at)
                + ": "
                + e.getMessage()
                + (lines.isEmpty() ? "" : "; last lines:"),
            lines));
  }

  private List<String> take(Instant now) {
    List<String> block = List.copyOf(unposted);
    streamed += block.size();
    unposted.clear();
    lastPost = now;
    return block;
  }

  private void post(List<String> block) {
    if (block == null) {
      return;
    }
    String title;
    synchronized (this) {
      title = streamed >= MOST_STREAMED ? "Build log (later lines are not posted):" : "Build log:";
    }
    run.detail(new Reply.Listing(title, block));
  }
}
