package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.EditBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order of turns in one lane, on a hand-driven executor and clock: no threads, no waiting. */
class EditLaneTest {
  private final ArrayDeque<Runnable> io = new ArrayDeque<>();
  private final AtomicLong now = new AtomicLong();
  private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
  private final EditLane lane =
      new EditLane(EditBudget.UNLIMITED, unused, io::add, now::get, EditLane.FINAL_PATIENCE);
  private final List<String> sent = new ArrayList<>();

  @AfterEach
  void stop() {
    unused.shutdownNow();
  }

  @Test
  void boardsGoBeforeFinalsAndFinalsBeforeTheRest() {
    // The turn chooses when it runs, so everything queued before it competes.
    lane.ready(message("other", false, false));
    lane.ready(message("other 2", false, false));
    lane.ready(message("final", true, false));
    lane.readyBoard(send("board"));

    runAll();

    assertThat(sent).containsExactly("board", "final", "other", "other 2");
  }

  @Test
  void oneTurnAtATime() {
    lane.ready(message("a", false, false));
    lane.ready(message("b", false, false));

    assertThat(io).as("one turn handed to the executor, not one per message").hasSize(1);
    assertThat(lane.waiting()).isEqualTo(2);
    runOne();
    assertThat(sent).containsExactly("a");
    assertThat(io).as("the next turn is handed over once the first is answered").hasSize(1);
    assertThat(lane.waiting()).isEqualTo(1);
  }

  @Test
  void aFinalWaitingPastItsPatienceTakesEveryOtherTurnFromBusyBoards() {
    lane.readyBoard(send("board 1"));
    lane.ready(message("final", true, true));
    lane.readyBoard(send("board 2"));
    runOne(); // board 1
    runOne(); // board 2: the final has not waited long yet
    lane.readyBoard(send("board 3"));
    lane.readyBoard(send("board 4"));
    now.addAndGet(EditLane.FINAL_PATIENCE.plus(Duration.ofMillis(1)).toNanos());

    runAll();

    assertThat(sent).containsExactly("board 1", "board 2", "final", "board 3", "board 4");
  }

  @Test
  void aFinalWithinItsPatienceWaitsForEveryBoard() {
    lane.readyBoard(send("board 1"));
    lane.ready(message("final", true, false));
    lane.readyBoard(send("board 2"));
    lane.readyBoard(send("board 3"));
    now.addAndGet(EditLane.FINAL_PATIENCE.minus(Duration.ofMillis(1)).toNanos());

    runAll();

    assertThat(sent).containsExactly("board 1", "board 2", "board 3", "final");
  }

  @Test
  void messagesShownOnAnOpenBoardWaitForItToCloseOthersDoNot() {
    AtomicBoolean boardOpen = new AtomicBoolean(true);
    lane.ready(message("on board", false, boardOpen));
    lane.ready(message("other channel", false, new AtomicBoolean(false)));
    lane.ready(message("final on board", true, boardOpen));

    runAll();

    assertThat(sent).containsExactly("other channel");
    assertThat(lane.waiting()).as("still queued, once each").isEqualTo(2);
    assertThat(io).as("nothing runs for them while the board is open").isEmpty();

    boardOpen.set(false);
    lane.wake();
    runAll();

    assertThat(sent).containsExactly("other channel", "final on board", "on board");
  }

  @Test
  void aFinalShownOnAnOpenBoardGoesOnceItHasWaitedItsPatience() {
    lane.ready(message("on board", false, true));
    lane.ready(message("final on board", true, true));
    runAll();
    assertThat(sent).isEmpty();

    now.addAndGet(EditLane.FINAL_PATIENCE.toNanos());
    lane.wake();
    runAll();

    assertThat(sent).containsExactly("final on board");
  }

  @Test
  void aMessageThatBecomesFinalWhileItWaitsForTheBoardGoesAsAFinalOnceDue() {
    AtomicBoolean isFinal = new AtomicBoolean(false);
    lane.ready(new EditLane.Entry(send("ending"), isFinal::get, () -> true));
    runAll();
    assertThat(sent).isEmpty();

    isFinal.set(true);
    now.addAndGet(EditLane.FINAL_PATIENCE.toNanos());
    lane.wake();
    runAll();

    assertThat(sent).containsExactly("ending");
  }

  @Test
  void aBoardOpeningWhileTheTurnChoosesSendsNothingAndTheMessageWaitsForIt() {
    // The board opens on another thread between the turn's two looks at the message (the second
    // look is the third call: one when queued, one to see that something may go, one to pick it).
    AtomicInteger looks = new AtomicInteger();
    AtomicBoolean boardOpen = new AtomicBoolean(false);
    lane.ready(
        new EditLane.Entry(
            send("on board"),
            () -> false,
            () -> looks.incrementAndGet() >= 3 ? setAndGet(boardOpen) : boardOpen.get()));

    runAll();

    assertThat(sent).as("nothing sent while the board shows it").isEmpty();
    assertThat(lane.waiting()).as("still queued, once").isEqualTo(1);

    boardOpen.set(false);
    looks.set(Integer.MIN_VALUE); // the board stays closed from now on
    lane.wake();
    runAll();

    assertThat(sent).containsExactly("on board");
  }

  private static boolean setAndGet(AtomicBoolean open) {
    open.set(true);
    return true;
  }

  private EditLane.Entry message(String name, boolean isFinal, boolean onBoard) {
    return message(name, isFinal, new AtomicBoolean(onBoard));
  }

  private EditLane.Entry message(String name, boolean isFinal, AtomicBoolean onBoard) {
    return new EditLane.Entry(send(name), () -> isFinal, onBoard::get);
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
