package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.ApprovalStore.Request;
import dev.deckhand.commands.ports.ApprovalStore.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ApprovalStoreIT {

  private static final Actor ALICE = new Actor("slack", "U1", "Alice");
  private static final Actor BOB = new Actor("slack", "U2", "Bob");
  private static final Actor CAROL = new Actor("discord", "U1", "Carol");
  private static final Instant EXPIRES = Instant.parse("2026-05-19T10:45:00.123456789Z");

  private Database database;
  private ApprovalStore approvals;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    database = postgres.fresh();
    approvals = database.stores().approvals();
  }

  @Test
  void openedRequestIsFoundByOperationAndMessageWithMicrosecondExpiry() {
    long op = operation();
    approvals.open(request(op, "plan-1", "1716.0001"));

    Request found = approvals.forOperation(op).orElseThrow();

    assertThat(found)
        .isEqualTo(
            new Request(
                op,
                "plan-1",
                "C123",
                "1716.0001",
                2,
                "release-managers",
                Instant.parse("2026-05-19T10:45:00.123456Z"),
                "pending"));
    assertThat(approvals.forMessage("C123", "1716.0001")).contains(found);
    assertThat(approvals.forMessage("C999", "1716.0001")).isEmpty();
    assertThat(approvals.forMessage("C123", "")).isEmpty();
    assertThat(approvals.forOperation(op + 1)).isEmpty();
  }

  @Test
  void secondRequestForAnOperationAndRequestForNoOperationAreRefused() {
    long op = operation();
    approvals.open(request(op, "plan-1", "m1"));

    assertThatThrownBy(() -> approvals.open(request(op, "plan-2", "m2")))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "while opening the approval request of operation " + op + ": it already has one");
    assertThatThrownBy(() -> approvals.open(request(999_999, "plan-1", "m3")))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith(": no such operation");
    assertThatThrownBy(
            () -> approvals.open(new Request(op + 1, "p", "C", "m", 1, null, EXPIRES, "approved")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pendingListsOpenRequestsOldestFirst() {
    long first = operation();
    long second = operation();
    long third = operation();
    approvals.open(request(third, "p", "m3"));
    approvals.open(request(first, "p", "m1"));
    approvals.open(request(second, "p", "m2"));

    approvals.close(first, "approved");

    assertThat(approvals.pending()).extracting(Request::operationId).containsExactly(third, second);
  }

  @Test
  void sameVoteTwiceIsRecordedOnce() {
    long op = openedRequest("plan-1");

    assertThat(approvals.vote(op, ALICE, true, "plan-1")).isTrue();
    assertThat(approvals.vote(op, ALICE, true, "plan-1")).isFalse();

    assertThat(approvals.votes(op))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.voter()).isEqualTo(ALICE);
              assertThat(v.approve()).isTrue();
              assertThat(v.planHash()).isEqualTo("plan-1");
              assertThat(v.at()).isNotNull();
            });
  }

  @Test
  void changedVoteReplacesTheEarlierOne() {
    long op = openedRequest("plan-1");
    approvals.vote(op, ALICE, true, "plan-1");
    approvals.vote(op, BOB, true, "plan-1");

    assertThat(approvals.vote(op, ALICE, false, "plan-1")).isTrue();

    List<Vote> votes = approvals.votes(op);
    assertThat(votes).extracting(Vote::voter).containsExactly(BOB, ALICE);
    assertThat(votes).extracting(Vote::approve).containsExactly(true, false);
    assertThat(votes.get(0).at()).isBeforeOrEqualTo(votes.get(1).at());
  }

  @Test
  void votersAreTellApartByPlatformAndId() {
    long op = openedRequest("plan-1");

    assertThat(approvals.vote(op, ALICE, true, "plan-1")).isTrue();
    assertThat(approvals.vote(op, CAROL, true, "plan-1")).isTrue();

    assertThat(approvals.votes(op)).extracting(Vote::voter).containsExactly(ALICE, CAROL);
  }

  @Test
  void onePersonVotingFromTwoPlatformsHoldsOneVote() {
    long op = openedRequest("plan-1");
    Actor bobOnSlack = new Actor("slack", "U0BOB", "Bob B").withPerson("bob");
    Actor bobOnDiscord = new Actor("discord", "4242", "bobby").withPerson("bob");

    assertThat(approvals.vote(op, bobOnSlack, true, "plan-1")).isTrue();
    assertThat(approvals.vote(op, bobOnDiscord, true, "plan-1")).as("the same vote").isFalse();
    assertThat(approvals.vote(op, ALICE, true, "plan-1")).isTrue();

    assertThat(approvals.votes(op)).extracting(Vote::voter).containsExactly(bobOnSlack, ALICE);
    assertThat(approvals.votes(op).get(0).voter().person()).isEqualTo("bob");

    assertThat(approvals.vote(op, bobOnDiscord, false, "plan-1")).as("a changed vote").isTrue();
    assertThat(approvals.votes(op)).extracting(Vote::voter).containsExactly(ALICE, bobOnDiscord);
    assertThat(approvals.withdraw(op, bobOnSlack)).as("withdrawn from either platform").isTrue();
    assertThat(approvals.votes(op)).extracting(Vote::voter).containsExactly(ALICE);
  }

  @Test
  void withdrawRemovesOnlyThatVoter() {
    long op = openedRequest("plan-1");
    approvals.vote(op, ALICE, true, "plan-1");
    approvals.vote(op, BOB, false, "plan-1");

    assertThat(approvals.withdraw(op, ALICE)).isTrue();
    assertThat(approvals.withdraw(op, ALICE)).isFalse();

    assertThat(approvals.votes(op)).extracting(Vote::voter).containsExactly(BOB);
  }

  @Test
  void replanVoidsEveryEarlierVoteAndMovesTheMessage() {
    long op = openedRequest("plan-1");
    approvals.vote(op, ALICE, true, "plan-1");
    approvals.vote(op, BOB, true, "plan-1");

    approvals.replan(op, "plan-2", "m-new");

    assertThat(approvals.votes(op)).isEmpty();
    Request request = approvals.forOperation(op).orElseThrow();
    assertThat(request.planHash()).isEqualTo("plan-2");
    assertThat(approvals.forMessage("C123", "m-new")).contains(request);
    assertThat(approvals.forMessage("C123", "m1")).isEmpty();
    assertThat(approvals.vote(op, ALICE, true, "plan-2")).isTrue();
    assertThat(approvals.votes(op)).extracting(Vote::planHash).containsExactly("plan-2");
  }

  @Test
  void voteOnAStalePlanIsKeptButNotCounted() {
    long op = openedRequest("plan-1");
    approvals.replan(op, "plan-2", "m2");

    assertThat(approvals.vote(op, ALICE, true, "plan-1")).isTrue();
    assertThat(approvals.votes(op)).isEmpty();
    assertThat(approvals.vote(op, ALICE, true, "plan-2")).isTrue();
    assertThat(approvals.votes(op)).extracting(Vote::voter).containsExactly(ALICE);
  }

  @Test
  void replanOfAClosedRequestChangesNothingAndOfNoRequestFails() {
    long op = openedRequest("plan-1");
    approvals.vote(op, ALICE, true, "plan-1");
    approvals.close(op, "approved");

    approvals.replan(op, "plan-2", "m2");

    assertThat(approvals.forOperation(op).orElseThrow().planHash()).isEqualTo("plan-1");
    assertThat(approvals.votes(op)).hasSize(1);
    assertThatThrownBy(() -> approvals.replan(999_999, "p", "m"))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith(": no approval request");
  }

  @Test
  void voteOnNoRequestFails() {
    assertThatThrownBy(() -> approvals.vote(999_999, ALICE, true, "p"))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith(": no approval request");
  }

  @Test
  void closeEndsAPendingRequestOnce() {
    long op = openedRequest("plan-1");

    assertThat(approvals.close(op, "rejected")).isTrue();
    assertThat(approvals.close(op, "approved")).isFalse();

    assertThat(approvals.forOperation(op).orElseThrow().state()).isEqualTo("rejected");
    assertThat(approvals.pending()).isEmpty();
    assertThat(approvals.close(999_999, "expired")).isFalse();
    assertThatThrownBy(() -> approvals.close(op, "pending"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofTwoConcurrentClosersExactlyOneWins() throws Exception {
    try (Database other = Database.external(database.jdbcUrl(), "postgres", null)) {
      ApprovalStore mine = approvals;
      ApprovalStore theirs = other.stores().approvals();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          long op = openedRequest("plan-" + round);
          CyclicBarrier start = new CyclicBarrier(2);
          Future<Boolean> approve =
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return mine.close(op, "approved");
                  });
          Future<Boolean> expire =
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return theirs.close(op, "expired");
                  });
          boolean approved = approve.get(30, TimeUnit.SECONDS);
          boolean expired = expire.get(30, TimeUnit.SECONDS);

          assertThat(approved).as("round %d: exactly one closer wins", round).isNotEqualTo(expired);
          assertThat(approvals.forOperation(op).orElseThrow().state())
              .isEqualTo(approved ? "approved" : "expired");
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void concurrentIdenticalVotesReportOneChange() throws Exception {
    long op = openedRequest("plan-1");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return approvals.vote(op, ALICE, true, "plan-1");
                }));
      }
      int changed = 0;
      for (Future<Boolean> result : results) {
        changed += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(changed).isEqualTo(1);
      assertThat(approvals.votes(op)).hasSize(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void approvalClosesOnlyThePlanTheVotesWereFor() {
    long op = openedRequest("hash-a");
    approvals.replan(op, "hash-b", "m2");

    assertThat(approvals.approve(op, "hash-a")).isFalse();
    assertThat(approvals.forOperation(op).orElseThrow().state()).isEqualTo("pending");
    assertThat(approvals.approve(op, "hash-b")).isTrue();
    assertThat(approvals.approve(op, "hash-b")).isFalse();
    assertThat(approvals.forOperation(op).orElseThrow().state()).isEqualTo("approved");
  }

  private long openedRequest(String planHash) {
    long op = operation();
    approvals.open(request(op, planHash, "m1"));
    return op;
  }

  private static Request request(long op, String planHash, String messageId) {
    return new Request(op, planHash, "C123", messageId, 2, "release-managers", EXPIRES, "pending");
  }

  private long operation() {
    return database
        .stores()
        .operations()
        .create(
            "deploy",
            ALICE,
            "gateway",
            "prod",
            "/deploy gateway v2 --env prod",
            OperationState.PENDING_APPROVAL,
            List.of(),
            "C123",
            Map.of());
  }
}
