package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.live.EditLane.Turn;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order of turns in one lane, on a hand-driven executor and clock: no threads, no waiting. */
class EditLaneTest {
  private final ArrayDeque<Runnable> io = new ArrayDeque<>();
  private final AtomicLong now = new AtomicLong();
  private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
  private final EditLane lane = new EditLane(EditBudget.UNLIMITED, unused, io::add, now::get);
  private final List<String> sent = new ArrayList<>();

  @AfterEach
  void stop() {
    unused.shutdownNow();
  }

  @Test
  void boardsGoBeforeFinalsAndFinalsBeforeTheRest() {
    // The turn chooses when it runs, so everything queued before it competes.
    lane.ready(send("other"), Turn.OTHER);
    lane.ready(send("other 2"), Turn.OTHER);
    lane.ready(send("final"), Turn.FINAL);
    lane.ready(send("board"), Turn.BOARD);

    runAll();

    assertThat(sent).containsExactly("board", "final", "other", "other 2");
  }

  @Test
  void oneTurnAtATime() {
    lane.ready(send("a"), Turn.OTHER);
    lane.ready(send("b"), Turn.OTHER);

    assertThat(io).as("one turn handed to the executor, not one per message").hasSize(1);
    assertThat(lane.waiting()).isEqualTo(2);
    runOne();
    assertThat(sent).containsExactly("a");
    assertThat(io).as("the next turn is handed over once the first is answered").hasSize(1);
    assertThat(lane.waiting()).isEqualTo(1);
  }

  @Test
  void aFinalWaitingPastItsPatienceTakesEveryOtherTurnFromBusyBoards() {
    lane.ready(send("board 1"), Turn.BOARD);
    lane.ready(send("final"), Turn.FINAL);
    lane.ready(send("board 2"), Turn.BOARD);
    runOne(); // board 1
    runOne(); // board 2: the final has not waited long yet
    lane.ready(send("board 3"), Turn.BOARD);
    lane.ready(send("board 4"), Turn.BOARD);
    now.addAndGet(EditLane.FINAL_PATIENCE.plus(Duration.ofMillis(1)).toNanos());

    runAll();

    assertThat(sent).containsExactly("board 1", "board 2", "final", "board 3", "board 4");
  }

  @Test
  void aFinalWithinItsPatienceWaitsForEveryBoard() {
    lane.ready(send("board 1"), Turn.BOARD);
    lane.ready(send("final"), Turn.FINAL);
    lane.ready(send("board 2"), Turn.BOARD);
    lane.ready(send("board 3"), Turn.BOARD);
    now.addAndGet(EditLane.FINAL_PATIENCE.minus(Duration.ofMillis(1)).toNanos());

    runAll();

    assertThat(sent).containsExactly("board 1", "board 2", "board 3", "final");
  }

  private Runnable send(String name) {
    return () -> sent.add(name);
  }

  private void runOne() {
    io.poll().run();
  }

  private void runAll() {
    for (int i = 0; i < 100 && !io.isEmpty(); i++) {
      runOne();
    }
    assertThat(io).as("the lane ran dry").isEmpty();
  }
}
