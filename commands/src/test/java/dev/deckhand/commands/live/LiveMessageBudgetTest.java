package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many live messages sharing one workspace budget, at a small scale of Slack's (45 edits a minute
 * across the workspace, 1 s per message): 25 edits per 250 ms, 100 ms per message.
 */
class LiveMessageBudgetTest {
  private static final Duration PER_MESSAGE = Duration.ofMillis(100);
  private static final int LIMIT = 25;
  private static final Duration WINDOW = Duration.ofMillis(250);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    pools.forEach(ExecutorService::shutdownNow);
  }

  @Test
  void fiftyMessagesKeepTheirIntervalTheWorkspaceBudgetAndDeliverTheirFinalState()
      throws Exception {
    Workspace chat = new Workspace(EditBudget.perWindow(LIMIT, WINDOW), e -> false);
    LiveMessages messages = new LiveMessages(scheduler, pool(4));
    List<LiveMessage> live = new ArrayList<>();
    for (int m = 0; m < 50; m++) {
      live.add(messages.post(chat, new Reply.Text("m" + m + " 0")));
    }
    // 40 rounds of new states, 25 ms apart, for every message at once; then the final states.
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    pools.add(producer);
    List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> produced = new CompletableFuture<>();
    AtomicInteger round = new AtomicInteger();
    producer.scheduleAtFixedRate(
        () -> {
          int i = round.incrementAndGet();
          for (int m = 0; m < 50 && i <= 40; m++) {
            live.get(m).update(new Reply.Text("m" + m + " " + i));
          }
          if (i == 40) {
            for (int m = 0; m < 50; m++) {
              done.add(live.get(m).finish(new Reply.Text("m" + m + " final")));
            }
            produced.complete(null);
          }
        },
        0,
        25,
        TimeUnit.MILLISECONDS);
    produced.get(10, TimeUnit.SECONDS);
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    Map<String, List<Edit>> byMessage = chat.byMessage();
    assertThat(byMessage).hasSize(50);
    assertThat(chat.edits.size())
        .as("enough edits to press on the budget")
        .isGreaterThan(2 * LIMIT);
    assertThat(byMessage.values())
        .as("every message had its turn before its final state: the queue is fair")
        .allSatisfy(edits -> assertThat(edits).hasSizeGreaterThanOrEqualTo(2));
    byMessage.forEach(
        (id, edits) -> {
          assertThat(edits.get(edits.size() - 1).text()).isEqualTo(id + " final");
          for (int i = 1; i < edits.size(); i++) {
            assertThat(edits.get(i).nanos() - edits.get(i - 1).nanos())
                .as("gap between edits %d and %d of %s", i - 1, i, id)
                .isGreaterThanOrEqualTo(PER_MESSAGE.toNanos());
          }
        });
    assertNoWindowExceeded(chat.edits);
  }

  @Test
  void afterARateLimitNoEditBeforeRetryAfterAndTheLatestStateWins() throws Exception {
    Duration retryAfter = Duration.ofMillis(300);
    AtomicInteger calls = new AtomicInteger();
    Workspace chat =
        new Workspace(
            EditBudget.perWindow(LIMIT, WINDOW),
            e -> e.message().equals("m0") && calls.getAndIncrement() == 0);
    chat.retryAfter = retryAfter;
    // One thread makes every call, so no edit can already be on its way when the 429 comes back.
    LiveMessages messages = new LiveMessages(scheduler, pool(1));
    LiveMessage first = messages.post(chat, new Reply.Text("m0 0"));
    LiveMessage second = messages.post(chat, new Reply.Text("m1 0"));
    first.update(new Reply.Text("m0 1"));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !chat.refused.isEmpty());
    for (int i = 2; i <= 10; i++) {
      first.update(new Reply.Text("m0 " + i));
      second.update(new Reply.Text("m1 " + i));
    }
    CompletableFuture.allOf(
            first.finish(new Reply.Text("m0 final")), second.finish(new Reply.Text("m1 final")))
        .get(10, TimeUnit.SECONDS);

    long deadline = chat.refused.get(0).nanos() + retryAfter.toNanos();
    assertThat(chat.edits).allSatisfy(e -> assertThat(e.nanos()).isGreaterThanOrEqualTo(deadline));
    assertThat(chat.byMessage().get("m0"))
        .extracting(Edit::text)
        .as("the refused state and the ones after it merged into one edit")
        .containsExactly("m0 final");
    assertThat(chat.byMessage().get("m1")).extracting(Edit::text).containsExactly("m1 final");
  }

  @Test
  void withManyThreadsOneEditIsInFlightAndNoneStartsInsideARetryAfter() throws Exception {
    java.util.Random random = new java.util.Random(7);
    Workspace chat =
        new Workspace(
            EditBudget.perWindow(LIMIT, WINDOW),
            e -> {
              synchronized (random) {
                return random.nextDouble() < 0.2;
              }
            });
    chat.retryAfter = Duration.ofMillis(50);
    LiveMessages messages = new LiveMessages(scheduler, pool(4));
    List<LiveMessage> live = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      live.add(messages.post(chat, new Reply.Text("m" + m + " 0")));
    }
    for (int i = 1; i <= 5; i++) {
      for (int m = 0; m < 10; m++) {
        live.get(m).update(new Reply.Text("m" + m + " " + i));
      }
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      done.add(live.get(m).finish(new Reply.Text("m" + m + " final")));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(chat.refused).as("the workspace refused some edits").isNotEmpty();
    assertThat(chat.maxConcurrent.get()).as("edits in flight at once").isEqualTo(1);
    List<Edit> all = new ArrayList<>(chat.edits);
    all.addAll(chat.refused);
    for (Edit r : chat.refused) {
      long deadline = r.nanos() + chat.retryAfter.toNanos();
      assertThat(all)
          .filteredOn(e -> e.nanos() > r.nanos())
          .as("calls after the refusal of %s", r)
          .allSatisfy(e -> assertThat(e.nanos()).isGreaterThanOrEqualTo(deadline));
    }
    chat.byMessage()
        .forEach(
            (id, edits) ->
                assertThat(edits).last().extracting(Edit::text).isEqualTo(id + " final"));
    assertThat(chat.byMessage()).hasSize(10);
  }

  private static void assertNoWindowExceeded(List<Edit> edits) {
    List<Long> times = edits.stream().map(Edit::nanos).sorted().toList();
    // The edit is stamped just after the budget granted it; allow for that instant.
    long slack = Duration.ofMillis(5).toNanos();
    for (int i = 0; i + LIMIT < times.size(); i++) {
      assertThat(times.get(i + LIMIT) - times.get(i))
          .as("edits %d..%d fall within one window", i, i + LIMIT)
          .isGreaterThanOrEqualTo(WINDOW.toNanos() - slack);
    }
  }

  private ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }

  record Edit(String message, String text, long nanos) {}

  /** Conversations of one workspace: records every edit and refuses the ones it is told to. */
  static final class Workspace implements Conversation {
    final List<Edit> edits = new CopyOnWriteArrayList<>();
    final List<Edit> refused = new CopyOnWriteArrayList<>();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final EditBudget budget;
    private final Predicate<Edit> refuse;
    private final AtomicInteger ids = new AtomicInteger();
    Duration retryAfter = Duration.ZERO;

    Workspace(EditBudget budget, Predicate<Edit> refuse) {
      this.budget = budget;
      this.refuse = refuse;
    }

    @Override
    public String id() {
      return "C1";
    }

    @Override
    public MessageRef post(Reply reply) {
      return new MessageRef("C1", "m" + ids.getAndIncrement());
    }

    @Override
    public void edit(MessageRef message, Reply reply) {
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      try {
        Edit edit = new Edit(message.id(), ((Reply.Text) reply).text(), System.nanoTime());
        if (refuse.test(edit)) {
          refused.add(edit);
          throw new RateLimitedException("ratelimited", retryAfter);
        }
        edits.add(edit);
      } finally {
        concurrent.decrementAndGet();
      }
    }

    @Override
    public MessageRef postUnder(MessageRef parent, Reply reply) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Duration minEditInterval() {
      return PER_MESSAGE;
    }

    @Override
    public EditBudget editBudget() {
      return budget;
    }

    Map<String, List<Edit>> byMessage() {
      Map<String, List<Edit>> out = new HashMap<>();
      edits.forEach(e -> out.computeIfAbsent(e.message(), k -> new ArrayList<>()).add(e));
      return out;
    }
  }
}
