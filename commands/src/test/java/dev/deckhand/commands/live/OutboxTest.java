package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.live.Outbox.Kind;
import dev.deckhand.commands.model.Actor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a manual timer and an executor that runs tasks when told: every wait is a scheduled
 * task (its delay is asserted), never a sleep, and nothing here waits for time to pass.
 */
class OutboxTest {
  private static final MessageRef PARENT = new MessageRef("C-scripted", "m0");
  private static final Actor ALICE = new Actor("console", "alice", "Alice");

  private final ManualTimer timer = new ManualTimer();
  private final HeldExecutor io = new HeldExecutor();
  private final ScriptedConversation chat = new ScriptedConversation();

  /** An executor that keeps its tasks until {@link #drain()}, or refuses them while full. */
  private static final class HeldExecutor implements Executor {
    private final List<Runnable> tasks = new ArrayList<>();
    private boolean full;

    @Override
    public synchronized void execute(Runnable task) {
      if (full) {
        throw new RejectedExecutionException("every worker is busy");
      }
      tasks.add(task);
    }

    /** Runs tasks, and those they hand over, until none is left. */
    void drain() {
      while (true) {
        Runnable next;
        synchronized (this) {
          if (tasks.isEmpty()) {
            return;
          }
          next = tasks.remove(0);
        }
        next.run();
      }
    }
  }

  private static Reply text(String s) {
    return new Reply.Text(s);
  }

  @Test
  void aPostRefusedWith429IsMadeAgainByTheTimerAfterItsRetryAfterAndKeepsItsPlace() {
    Outbox outbox = new Outbox(timer, io, 8);
    chat.rateLimitNext(Duration.ofSeconds(3));

    outbox.postUnder(chat, PARENT, text("pod crashed"), Kind.ESSENTIAL);
    outbox.postUnder(chat, PARENT, text("log tail"), Kind.ESSENTIAL);
    io.drain();

    assertThat(chat.attempts).containsExactly("pod crashed");
    assertThat(chat.posted).isEmpty();
    assertThat(timer.delays()).containsExactly(3000L);
    assertThat(outbox.waiting(chat)).isEqualTo(2);

    timer.fire();
    io.drain();
    assertThat(chat.posted).containsExactly("pod crashed", "log tail");
    assertThat(timer.delays()).isEmpty();
  }

  @Test
  void postsOfOneConversationLeaveInTheOrderTheyWereQueued() {
    Outbox outbox = new Outbox(timer, io, 64);
    for (int i = 0; i < 20; i++) {
      outbox.postUnder(chat, PARENT, text("detail " + i), i % 2 == 0 ? Kind.ESSENTIAL : Kind.REPLY);
    }
    io.drain();
    assertThat(chat.posted)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "detail " + i).toList());
  }

  @Test
  void aFullOutboxDropsItsOldestRepliesButNeverADetail() {
    Outbox outbox = new Outbox(timer, io, 3);
    outbox.postUnder(chat, PARENT, text("detail 1"), Kind.ESSENTIAL);
    outbox.postUnder(chat, PARENT, text("reply 1"), Kind.REPLY);
    outbox.postUnder(chat, PARENT, text("reply 2"), Kind.REPLY);
    outbox.postUnder(chat, PARENT, text("detail 2"), Kind.ESSENTIAL); // drops reply 1
    outbox.postUnder(chat, PARENT, text("reply 3"), Kind.REPLY); // drops reply 2
    assertThat(outbox.waiting(chat)).isEqualTo(3);
    outbox.postUnder(chat, PARENT, text("detail 3"), Kind.ESSENTIAL); // drops reply 3
    outbox.postUnder(chat, PARENT, text("detail 4"), Kind.ESSENTIAL); // past the bound: kept
    outbox.postUnder(chat, PARENT, text("reply 4"), Kind.REPLY); // all essential: dropped itself

    io.drain();
    assertThat(chat.posted).containsExactly("detail 1", "detail 2", "detail 3", "detail 4");
  }

  @Test
  void aPostThatFailsOtherwiseIsDroppedAndTheNextOneGoes() {
    Outbox outbox = new Outbox(timer, io, 8);
    chat.failNext();
    outbox.postUnder(chat, PARENT, text("lost"), Kind.ESSENTIAL);
    outbox.postUnder(chat, PARENT, text("next"), Kind.ESSENTIAL);
    io.drain();
    assertThat(chat.attempts).containsExactly("lost", "next");
    assertThat(chat.posted).containsExactly("next");
    assertThat(timer.delays()).isEmpty();
  }

  @Test
  void aSaturatedExecutorIsAskedAgainByTheTimerNotByTheCaller() {
    Outbox outbox = new Outbox(timer, io, 8);
    io.full = true;

    outbox.whisper(chat, ALICE, text("Deckhand is busy right now"));
    assertThat(chat.attempts).isEmpty();
    assertThat(timer.delays()).hasSize(1);

    io.full = false;
    timer.fire();
    io.drain();
    assertThat(chat.posted).containsExactly("Deckhand is busy right now");
  }

  @Test
  void conversationsQueuingRepliesReturnAtOnceAndPostThroughTheOutbox() {
    Outbox outbox = new Outbox(timer, io, 8);
    Conversation queuing = outbox.queuingReplies(chat);
    chat.rateLimitNext(Duration.ofSeconds(2));

    queuing.whisper(ALICE, text("you may not deploy to prod"));
    queuing.answer(text("status: all good"));
    assertThat(chat.attempts).isEmpty(); // nothing on the calling thread
    io.drain();
    assertThat(timer.delays()).containsExactly(2000L);

    timer.fire();
    io.drain();
    assertThat(chat.posted).containsExactly("you may not deploy to prod", "status: all good");
    assertThat(outbox.queuingReplies(queuing)).isSameAs(queuing);
  }
}
