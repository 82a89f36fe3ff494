package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveMessageTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService io = Executors.newFixedThreadPool(2);
  private final LiveMessages messages = new LiveMessages(scheduler, io);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    io.shutdownNow();
  }

  @Test
  void coalescesUpdatesAndSpacesEditsToTheBudget() throws Exception {
    RecordingConversation chat = new RecordingConversation(Duration.ofMillis(200), 0);
    LiveMessage live = messages.post(chat, new Reply.Text("0"));
    for (int i = 1; i <= 50; i++) {
      live.update(new Reply.Text(String.valueOf(i)));
    }
    live.finish(new Reply.Text("final")).get(5, TimeUnit.SECONDS);

    assertThat(chat.edits).last().isEqualTo("final");
    assertThat(chat.edits.size()).isLessThanOrEqualTo(3);
    for (int i = 1; i < chat.editTimes.size(); i++) {
      long gap = chat.editTimes.get(i) - chat.editTimes.get(i - 1);
      assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
    }
  }

  @Test
  void deliversTheFinalStateAfterFailedEdits() throws Exception {
    RecordingConversation chat = new RecordingConversation(Duration.ofMillis(10), 3);
    LiveMessage live = messages.post(chat, new Reply.Text("start"));
    live.finish(new Reply.Text("done")).get(10, TimeUnit.SECONDS);
    assertThat(chat.failures.get()).isEqualTo(3);
    assertThat(chat.edits).containsExactly("done");
  }

  @Test
  void ignoresUpdatesAfterTheFinalState() {
    RecordingConversation chat = new RecordingConversation(Duration.ofMillis(10), 0);
    LiveMessage live = messages.post(chat, new Reply.Text("start"));
    live.finish(new Reply.Text("done"));
    live.update(new Reply.Text("late"));
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.edits.contains("done"));
    await().during(Duration.ofMillis(100)).until(() -> !chat.edits.contains("late"));
  }

  /** A conversation that records edits and fails the first N of them. */
  static final class RecordingConversation implements Conversation {
    final List<String> edits = new CopyOnWriteArrayList<>();
    final List<Long> editTimes = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    private final Duration interval;
    private final int failFirst;

    RecordingConversation(Duration interval, int failFirst) {
      this.interval = interval;
      this.failFirst = failFirst;
    }

    @Override
    public String id() {
      return "test";
    }

    @Override
    public MessageRef post(Reply reply) {
      return new MessageRef("test", "m1");
    }

    @Override
    public void edit(MessageRef message, Reply reply) {
      if (failures.get() < failFirst) {
        failures.incrementAndGet();
        throw new IllegalStateException("429");
      }
      editTimes.add(System.nanoTime());
      edits.add(((Reply.Text) reply).text());
    }

    @Override
    public MessageRef postUnder(MessageRef parent, Reply reply) {
      return new MessageRef("test", "m2");
    }

    @Override
    public Duration minEditInterval() {
      return interval;
    }
  }
}
