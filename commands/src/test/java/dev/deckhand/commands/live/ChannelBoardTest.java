package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel's board (ADR 0008) over a recording channel with a small edit budget. */
class ChannelBoardTest {
  private static final Actor ALICE = new Actor("slack", "U1", "alice");

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService io = Executors.newFixedThreadPool(2);
  private final Channel chat = new Channel(EditBudget.perWindow(10, Duration.ofMillis(200)));
  private final InMemoryBoards boards = new InMemoryBoards();
  private final LiveMessages messages =
      new LiveMessages(scheduler, io, 3, boards, Duration.ofMillis(300));

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    io.shutdownNow();
  }

  @Test
  void twoOperationsAtOnceGetNoBoard() throws Exception {
    LiveMessage a = messages.post(chat, op(1, OperationState.RUNNING, null));
    LiveMessage b = messages.post(chat, op(2, OperationState.RUNNING, null));
    a.update(op(1, OperationState.RUNNING, new Progress(3, 1, 1, 1)));
    CompletableFuture.allOf(
            a.finish(op(1, OperationState.SUCCEEDED, null)),
            b.finish(op(2, OperationState.SUCCEEDED, null)))
        .get(5, TimeUnit.SECONDS);
    LiveMessage c = messages.post(chat, op(3, OperationState.RUNNING, null));
    c.finish(op(3, OperationState.SUCCEEDED, null)).get(5, TimeUnit.SECONDS);

    assertThat(chat.boardPosts()).as("never three unfinished at once").isEmpty();
    assertThat(chat.posts).hasSize(3);
  }

  @Test
  void theThirdUnfinishedOperationBringsABoardThatShowsEveryChangeAndClosesOnce() throws Exception {
    List<LiveMessage> ops = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ops.add(messages.post(chat, op(i, OperationState.RUNNING, null)));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.boardPosts().size() == 1);
    assertThat(chat.boardPosts().get(0).operations())
        .extracting(Reply.Operation::id)
        .containsExactly(1L, 2L, 3L);

    ops.get(1).update(op(2, OperationState.RUNNING, new Progress(3, 2, 1, 1)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                chat.lastBoard().operations().stream()
                    .anyMatch(o -> o.id() == 2 && new Progress(3, 2, 1, 1).equals(o.progress())));

    // A fourth joins the board; the first ends and stays on it, below those still running.
    ops.add(messages.post(chat, op(4, OperationState.RUNNING, null)));
    ops.get(0).finish(op(1, OperationState.FAILED, null));
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.lastBoard().operations().size() == 4);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                chat.lastBoard().operations().stream()
                    .map(Reply.Operation::id)
                    .toList()
                    .equals(List.of(2L, 3L, 4L, 1L)));

    List<CompletableFuture<Void>> finals = new ArrayList<>();
    for (int i = 1; i < 4; i++) {
      finals.add(ops.get(i).finish(op(i + 1, OperationState.SUCCEEDED, null)));
    }
    CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.lastBoard().closed());

    Reply.Board closed = chat.lastBoard();
    assertThat(closed.operations())
        .extracting(o -> o.id() + " " + o.state().word())
        .containsExactlyInAnyOrder("1 failed", "2 succeeded", "3 succeeded", "4 succeeded");
    assertThat(closed.title()).contains("all 4 operations ended").contains("3 succeeded, 1 failed");
    assertThat(chat.edits.stream().filter(e -> e.reply() instanceof Reply.Board b && b.closed()))
        .as("the board is closed by exactly one edit")
        .hasSize(1);

    // The next crowd gets a new board.
    for (int i = 5; i <= 7; i++) {
      messages.post(chat, op(i, OperationState.RUNNING, null));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.boardPosts().size() == 2);
    assertThat(chat.boardPosts().get(1).operations())
        .extracting(Reply.Operation::id)
        .containsExactly(5L, 6L, 7L);
  }

  @Test
  void theBoardGoesBeforeTheOperationsOwnMessagesWhileTheBudgetIsPaused() throws Exception {
    List<LiveMessage> ops = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ops.add(messages.post(chat, op(i, OperationState.RUNNING, null)));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.boardPosts().size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.lane().waiting() == 0);
    int before = chat.edits.size();

    chat.budget.pauseFor(Duration.ofMillis(150)); // shorter than the final's patience (300 ms)
    CompletableFuture<Void> ownFinal = ops.get(0).finish(op(1, OperationState.SUCCEEDED, null));
    ownFinal.get(5, TimeUnit.SECONDS);

    List<Edit> all = List.copyOf(chat.edits);
    List<Edit> after = all.subList(before, all.size());
    int board = indexOf(after, e -> e.reply() instanceof Reply.Board b && shows(b, 1, "succeeded"));
    int own = indexOf(after, e -> e.message().equals(ops.get(0).ref().id()));
    assertThat(board).as("the board showed the final").isNotNegative();
    assertThat(board).as("before the operation's own message").isLessThan(own);
  }

  @Test
  void aBoardThatCannotBePostedLeavesTheOperationsToTheirOwnMessages() throws Exception {
    chat.refuseBoards.set(1);
    List<LiveMessage> ops = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ops.add(messages.post(chat, op(i, OperationState.RUNNING, null)));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.refuseBoards.get() == 0);
    // The next change tries again.
    ops.get(2).update(op(3, OperationState.RUNNING, new Progress(3, 1, 0, 0)));
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.boardPosts().size() == 1);
    List<CompletableFuture<Void>> finals = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      finals.add(ops.get(i).finish(op(i + 1, OperationState.SUCCEEDED, null)));
    }
    CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.lastBoard().closed());
  }

  @Test
  void aBoardIsRememberedFromItsPostUntilItsLastEdit() throws Exception {
    List<LiveMessage> ops = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ops.add(messages.post(chat, op(i, OperationState.RUNNING, null)));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> boards.open().size() == 1);
    String board = boards.open().get(0).id();
    for (int i = 0; i < 3; i++) {
      ops.get(i).finish(op(i + 1, OperationState.SUCCEEDED, null)).get(5, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> boards.open().isEmpty());
    assertThat(chat.lastBoard().closed()).isTrue();
    assertThat(chat.edits).filteredOn(e -> e.message().equals(board)).isNotEmpty();
  }

  @Test
  void theNextStartClosesABoardACrashLeftOpenAndLeavesOnesItCannotReach() throws Exception {
    for (int i = 1; i <= 3; i++) {
      messages.post(chat, op(i, OperationState.RUNNING, null));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> boards.open().size() == 1);
    MessageRef left = boards.open().get(0);
    MessageRef elsewhere = new MessageRef("C-gone", "m99");
    boards.opened(elsewhere);
    // The process dies here: nothing closes the board. The next one starts on the same store.
    LiveMessages next = new LiveMessages(scheduler, io, 3, boards, Duration.ofMillis(300));

    int closed =
        next.closeLeftBehind(
            id -> java.util.Optional.<Conversation>of(chat).filter(c -> c.id().equals(id)));

    assertThat(closed).isEqualTo(1);
    assertThat(chat.edits)
        .filteredOn(e -> e.message().equals(left.id()))
        .last()
        .extracting(Edit::reply)
        .isEqualTo(LiveMessages.LEFT_BEHIND);
    assertThat(boards.open())
        .as("the unreachable board stays for the next start")
        .containsExactly(elsewhere);
  }

  @Test
  void aStateSetOnAnotherThreadNeverReachesTheBoardAfterTheFinalOne() throws Exception {
    // Progress comes from the informers' threads while the engine ends the operation on its own.
    int n = 12;
    List<LiveMessage> ops = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ops.add(messages.post(chat, op(i, OperationState.RUNNING, null)));
    }
    ExecutorService racers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        LiveMessage live = ops.get(i);
        long id = i + 1;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int k = 0; k < 200; k++) {
                    live.update(op(id, OperationState.RUNNING, new Progress(3, k % 3, 0, 0)));
                  }
                },
                racers));
        done.add(
            CompletableFuture.runAsync(
                () -> live.finish(op(id, OperationState.SUCCEEDED, null)), racers));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } finally {
      racers.shutdownNow();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> chat.lastBoard().closed());
    assertThat(chat.lastBoard().operations())
        .hasSize(n)
        .allSatisfy(o -> assertThat(o.state()).isEqualTo(OperationState.SUCCEEDED));
    assertThat(boards.open()).isEmpty();
  }

  /**
   * A board whose own-message finals would wait an hour behind it: what ADR 0008's amendment says
   * is never held must reach the operation's own message anyway.
   */
  private LiveMessages patientBoards() {
    return new LiveMessages(scheduler, io, 3, boards, Duration.ofHours(1));
  }

  /** An approval request and two running operations: a board opens. */
  private List<LiveMessage> requestBesideACrowd(LiveMessages live) {
    List<LiveMessage> ops = new ArrayList<>();
    ops.add(live.post(chat, request(1, List.of("needs 2 approvals from release-managers"))));
    ops.add(live.post(chat, op(2, OperationState.RUNNING, null)));
    ops.add(live.post(chat, op(3, OperationState.RUNNING, null)));
    await().atMost(Duration.ofSeconds(5)).until(() -> chat.boardPosts().size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> boards.open().size() == 1);
    return ops;
  }

  @Test
  void aConversationWhoseEditsHaveNoBudgetGetsNoBoard() throws Exception {
    Channel console = new Channel(EditBudget.UNLIMITED);
    List<LiveMessage> ops = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      ops.add(messages.post(console, op(i, OperationState.RUNNING, null)));
    }
    ops.get(3).update(op(4, OperationState.RUNNING, new Progress(3, 1, 0, 0)));
    ops.get(0).finish(op(1, OperationState.REJECTED, null)).get(5, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> console.edits.stream().anyMatch(e -> e.message().equals("m4")));

    assertThat(console.boardPosts()).isEmpty();
    assertThat(boards.open()).isEmpty();
  }

  @Test
  void anApprovalRequestAndItsApprovalAreEditedInTheirOwnMessageWhileABoardIsOpen() {
    LiveMessages live = patientBoards();
    List<LiveMessage> ops = requestBesideACrowd(live);
    String request = ops.get(0).ref().id();

    ops.get(0).update(request(1, List.of("needs 2 approvals · approved by bob so far")));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ownEdits(request).stream().anyMatch(r -> notes(r).contains("by bob so far")));

    ops.get(0).update(op(1, OperationState.RUNNING, null));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                ownEdits(request).stream()
                    .anyMatch(r -> ((Reply.Operation) r).state() == OperationState.RUNNING));

    // Once its outcome is shown it runs like the others: the board shows its progress for it.
    ops.get(0).update(op(1, OperationState.RUNNING, new Progress(3, 1, 0, 0)));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                chat.lastBoard().operations().stream()
                        .anyMatch(o -> o.id() == 1 && o.progress() != null)
                    && live.laneOf(chat).waiting() == 1);
    assertThat(ownEdits(request))
        .noneMatch(r -> ((Reply.Operation) r).progress() != null)
        .as("an operation that runs waits for the board as before");
  }

  @Test
  void theRejectionExpiryOrCancellationOfARequestIsNotHeldBehindABoard() throws Exception {
    LiveMessages live = patientBoards();
    List<LiveMessage> ops = requestBesideACrowd(live);
    List<LiveMessage> more = new ArrayList<>();
    more.add(live.post(chat, request(4, List.of("needs 1 approval"))));
    more.add(live.post(chat, request(5, List.of("needs 1 approval"))));

    CompletableFuture.allOf(
            ops.get(0).finish(op(1, OperationState.REJECTED, null)),
            more.get(0).finish(op(4, OperationState.EXPIRED, null)),
            more.get(1).finish(op(5, OperationState.CANCELLED, null)))
        .get(5, TimeUnit.SECONDS);

    assertThat(boards.open()).as("the board is still open: 2 and 3 run").hasSize(1);
    assertThat(ownEdits(ops.get(0).ref().id()))
        .last()
        .extracting(r -> ((Reply.Operation) r).state())
        .isEqualTo(OperationState.REJECTED);
  }

  @Test
  void aRunningOperationsFinalStillWaitsForItsPatienceBehindAnOpenBoard() {
    LiveMessages live = patientBoards();
    List<LiveMessage> ops = requestBesideACrowd(live);
    ops.add(live.post(chat, op(9, OperationState.RUNNING, null)));

    CompletableFuture<Void> ownFinal = ops.get(1).finish(op(2, OperationState.SUCCEEDED, null));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> shows(chat.lastBoard(), 2, "succeeded") && live.laneOf(chat).waiting() == 1);
    assertThat(ownFinal).as("the board carries it; the own message catches up later").isNotDone();
  }

  private List<Reply> ownEdits(String message) {
    return chat.edits.stream().filter(e -> e.message().equals(message)).map(Edit::reply).toList();
  }

  private static String notes(Reply r) {
    return String.join(" ", ((Reply.Operation) r).notes());
  }

  private static Reply.Operation request(long id, List<String> notes) {
    return new Reply.Operation(
        id,
        "deploy svc-" + id + " v2",
        ALICE,
        "prod",
        "prod/apps/deployment/svc-" + id,
        OperationState.PENDING_APPROVAL,
        List.of(),
        null,
        Duration.ofSeconds(id),
        false,
        notes);
  }

  private static boolean shows(Reply.Board b, long id, String state) {
    return b.operations().stream().anyMatch(o -> o.id() == id && o.state().word().equals(state));
  }

  private static int indexOf(List<Edit> edits, java.util.function.Predicate<Edit> which) {
    for (int i = 0; i < edits.size(); i++) {
      if (which.test(edits.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Reply.Operation op(long id, OperationState state, Progress progress) {
    return new Reply.Operation(
        id,
        "deploy svc-" + id + " v2",
        ALICE,
        "staging",
        "staging/apps/deployment/svc-" + id,
        state,
        List.of(),
        progress,
        Duration.ofSeconds(id),
        false,
        List.of());
  }

  record Edit(String message, Reply reply) {}

  /** One channel: records posts and edits; refuses the next board posts it is told to. */
  final class Channel implements Conversation {
    final EditBudget budget;
    final List<Reply> posts = new CopyOnWriteArrayList<>();
    final List<Edit> edits = new CopyOnWriteArrayList<>();
    final AtomicInteger refuseBoards = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    Channel(EditBudget budget) {
      this.budget = budget;
    }

    List<Reply.Board> boardPosts() {
      return posts.stream()
          .filter(Reply.Board.class::isInstance)
          .map(Reply.Board.class::cast)
          .toList();
    }

    Reply.Board lastBoard() {
      for (int i = edits.size() - 1; i >= 0; i--) {
        if (edits.get(i).reply() instanceof Reply.Board b) {
          return b;
        }
      }
      return boardPosts().isEmpty() ? new Reply.Board(List.of(), false) : boardPosts().get(0);
    }

    EditLane lane() {
      return messages.laneOf(this);
    }

    @Override
    public String id() {
      return "C1";
    }

    @Override
    public MessageRef post(Reply reply) {
      if (reply instanceof Reply.Board && refuseBoards.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("channel_not_found");
      }
      posts.add(reply);
      return new MessageRef("C1", "m" + ids.incrementAndGet());
    }

    @Override
    public void edit(MessageRef message, Reply reply) {
      edits.add(new Edit(message.id(), reply));
    }

    @Override
    public MessageRef postUnder(MessageRef parent, Reply reply) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Duration minEditInterval() {
      return Duration.ofMillis(20);
    }

    @Override
    public EditBudget editBudget() {
      return budget;
    }
  }
}
