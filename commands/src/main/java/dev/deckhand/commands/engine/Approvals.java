package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Approval requests: the live message of an operation waiting for approval is the request; votes
 * come as reactions or {@code /approve}, {@code /reject}. The requester never counts, nor anyone
 * outside the approver role; votes are bound to the plan's hash, and a plan that changed before it
 * runs voids them. A request expires. Everything is in the store, so a restart loses nothing.
 * Thread-safe.
 */
final class Approvals {
  private final ApprovalStore store;
  private final Approvers approvers;
  private final QuorumPolicy policy;
  private final Permissions permissions;
  private final Catalog catalog;
  private final OperationRuns runs;
  private final Kinds kinds;
  private final Recorder recorder;
  private final AuditLog audit;
  private final ScheduledExecutorService scheduler;
  private final Executor pool;
  private final Clock clock;
  private final IgnoredVoteReplies ignoredVotes =
      new IgnoredVoteReplies(
          System::nanoTime, IgnoredVoteReplies.WINDOW, IgnoredVoteReplies.MAX_VOTERS);

  Approvals(
      ApprovalStore store,
      Permissions permissions,
      QuorumPolicy policy,
      Catalog catalog,
      OperationRuns runs,
      Kinds kinds,
      Recorder recorder,
      AuditLog audit,
      ScheduledExecutorService scheduler,
      Executor pool,
      Clock clock) {
    this.store = store;
    this.approvers = new Approvers(permissions);
    this.permissions = permissions;
    this.policy = policy;
    this.catalog = catalog;
    this.runs = runs;
    this.kinds = kinds;
    this.recorder = recorder;
    this.audit = audit;
    this.scheduler = scheduler;
    this.pool = pool;
    this.clock = clock;
  }

  /** Turns a freshly started operation's message into its approval request. */
  void open(OperationRun run, EnvironmentSpec env, String planHash) {
    var policy = env.approvals();
    Instant expires = clock.instant().plus(policy.expiry());
    store.open(
        new ApprovalStore.Request(
            run.id(),
            planHash,
            run.messageRef().conversation(),
            run.messageRef().id(),
            Math.max(1, policy.count()),
            policy.fromRole(),
            expires,
            "pending"));
    // Expiry first: once the request shows, the start is over (a shutdown right after it must not
    // fail the operation on a closed scheduler).
    scheduleExpiry(run.id(), expires);
    showRequest(run);
  }

  /** After a restart: keep every pending request alive and expiring on time. */
  void watchExpiry(ApprovalStore.Request r) {
    scheduleExpiry(r.operationId(), r.expires());
  }

  /** A vote from a reaction or a command. Blocking; runs on a worker. */
  void vote(long operationId, Actor who, boolean approve, String reason) {
    Actor voter = approvers.identify(who);
    OperationRun starting = runs.open(operationId).orElse(null);
    if (starting == null) {
      pending(operationId); // says why there is nothing to vote on
      throw new IllegalStateException("pending op " + operationId + " has no run");
    }
    // One decision at a time per operation; also waits while its request is being opened.
    synchronized (starting.decisions()) {
      count(starting, pending(operationId), voter, approve, reason);
    }
  }

  /**
   * Records the vote and acts on the request as the votes stand. Idempotent: the same vote again
   * records nothing, but still acts, so that a vote stored by an attempt that failed (or died)
   * before acting on it is acted on by the next.
   */
  private void count(
      OperationRun run, ApprovalStore.Request r, Actor voter, boolean approve, String reason) {
    long operationId = run.id();
    String ineligible = approvers.whyNot(voter, run, r);
    if (ineligible != null) {
      audit.append(
          voter,
          "vote-ignored",
          service(operationId),
          run.header().environment(),
          operationId,
          ineligible);
      ignoredVotes.reply(run, voter, ineligible);
      return;
    }
    boolean fresh = store.vote(operationId, voter, approve, r.planHash());
    if (fresh) {
      audit.append(
          voter,
          approve ? "approve" : "reject",
          service(operationId),
          run.header().environment(),
          operationId,
          reason.isEmpty() ? r.planHash() : reason);
    }
    if (!approve) {
      end(
          run,
          "rejected",
          OperationState.REJECTED,
          "rejected by " + voter.displayName() + (reason.isEmpty() ? "" : ": " + reason));
      return;
    }
    actOnVotes(run, r);
  }

  /** Runs the operation when its approvals reach the quorum; else shows how far they are. */
  private void actOnVotes(OperationRun run, ApprovalStore.Request r) {
    long approvals = approvingVoters(run.id()).size();
    if (approvals < r.required()) {
      showRequest(run);
      return;
    }
    approved(run, r);
  }

  /**
   * After a restart, a pending request whose stored votes already decide it (the process died
   * between storing the deciding vote and acting on it): a reject ends it, a quorum runs it.
   */
  void actOnStoredVotes(OperationRun run, ApprovalStore.Request r) {
    synchronized (run.decisions()) {
      store.votes(run.id()).stream()
          .filter(v -> !v.approve())
          .findFirst()
          .ifPresentOrElse(
              v ->
                  end(
                      run,
                      "rejected",
                      OperationState.REJECTED,
                      "rejected by " + v.voter().displayName()),
              () -> actOnVotes(run, r));
    }
  }

  /**
   * The request whose message this is. A reaction can reach the message a moment before its request
   * is stored (the message is posted first): then this waits for the operation's start.
   */
  java.util.Optional<ApprovalStore.Request> requestOf(String conversation, String messageId) {
    var found = store.forMessage(conversation, messageId);
    if (found.isPresent()) {
      return found;
    }
    var starting = runs.openWithMessage(conversation, messageId);
    if (starting.isEmpty()) {
      return found;
    }
    synchronized (starting.get().decisions()) {
      return store.forMessage(conversation, messageId);
    }
  }

  /** A reaction removed before the quorum: the vote is withdrawn. */
  void withdraw(long operationId, Actor who) {
    Actor voter = approvers.identify(who);
    ApprovalStore.Request r = store.forOperation(operationId).orElse(null);
    if (r == null || !r.state().equals("pending")) {
      return;
    }
    if (store.withdraw(operationId, voter)) {
      audit.append(voter, "withdraw", service(operationId), "", operationId, "vote withdrawn");
      runs.open(operationId).ifPresent(this::showRequest);
    }
  }

  /** {@code /cancel}: the requester or an approver withdraws a pending request. */
  void cancel(long operationId, Actor who) {
    ApprovalStore.Request r = store.forOperation(operationId).orElse(null);
    OperationRun run = runs.open(operationId).orElse(null);
    if (r != null && r.state().equals("pending") && run != null) {
      boolean requester = approvers.same(who, run.header().actor());
      if (!requester && approvers.whyNot(who, run, r) != null) {
        throw new UsageException(
            who.displayName() + " may not cancel op " + operationId,
            "only its requester or an approver can");
      }
      end(run, "cancelled", OperationState.CANCELLED, "cancelled by " + who.displayName());
      return;
    }
    if (run != null && run.state() == OperationState.RUNNING) {
      var kind = kinds.find(run.kind());
      if (kind.isPresent() && kind.get().stoppable()) {
        stop(run, kind.get().action(), who);
        return;
      }
      throw new UsageException(
          "op " + operationId + " is already running; Deckhand does not stop an operation halfway",
          "it ends by itself (succeeded, or rolled back); /rollback afterwards if needed");
    }
    throw new UsageException(
        "op " + operationId + " is not waiting for approval", "/status shows what runs");
  }

  /** Asks a running stoppable operation to stop: its requester, or whoever may run it there. */
  private void stop(OperationRun run, String action, Actor who) {
    String env = run.header().environment();
    boolean requester = approvers.same(who, run.header().actor());
    if (!requester && !permissions.allows(who, action, env)) {
      throw new UsageException(
          who.displayName() + " may not stop op " + run.id(),
          "only its requester or someone with the grant " + action + ":" + env + " can");
    }
    if (run.stopRequested().isPresent()) {
      throw new UsageException(
          "op " + run.id() + " is already stopping", "it ends at its next safe point by itself");
    }
    run.requestStop(who);
    audit.append(
        who, "stop", service(run.id()), env, run.id(), "asked to stop the running operation");
    run.detail(
        new Reply.Text(
            who.displayName()
                + " asked to stop op "
                + run.id()
                + "; it stops at its next safe point and undoes what it started."));
  }

  /**
   * The quorum is reached: the plan is read again, and either it is unchanged and runs, or the
   * votes are void and the request shows the new plan. One decision at a time per operation (two
   * last votes arriving together), and the store approves only the plan the votes were for.
   */
  private void approved(OperationRun run, ApprovalStore.Request r) {
    synchronized (run.decisions()) {
      Map<String, String> stored = runs.params(run.id());
      decide(kinds.op(run, stored), r, stored);
    }
  }

  private <P> void decide(Op<P> planned, ApprovalStore.Request r, Map<String, String> stored) {
    OperationRun run = planned.run();
    if (!allowed(run, planned.plan(), planned.locked(), stored)) {
      return;
    }
    Plan<P> fresh = Replanner.refresh(planned.kind(), planned.plan());
    if (!fresh.hash().equals(r.planHash())) {
      String difference = Replanner.difference(planned.kind(), planned.plan(), fresh);
      // The new plan is stored before the votes are voided: a crash in between leaves a request
      // whose hash no longer matches, which the next quorum re-plans again.
      Map<String, String> replanned = new LinkedHashMap<>(PlanCodec.write(planned.kind(), fresh));
      replanned.putAll(
          QuorumPolicy.requesterFields(QuorumPolicy.requester(run.header().actor(), stored)));
      runs.updateParams(run.id(), replanned);
      store.replan(run.id(), fresh.hash(), r.messageId());
      planned.kind().showReplan(run, fresh.params());
      audit.append(null, "replan", fresh.service(), fresh.environment(), run.id(), difference);
      run.detail(
          new Reply.Text(
              "The plan of op "
                  + run.id()
                  + " changed before it ran ("
                  + difference
                  + "): the votes given so far are void. Approve again if the new plan is right."));
      showRequest(run);
      return;
    }
    if (!store.approve(run.id(), r.planHash())) {
      return; // someone else's vote completed the quorum first, or the plan was replaced
    }
    start(planned.with(fresh), false);
  }

  /**
   * The policy checked again at quorum ({@link QuorumPolicy}). A refusal ends the request with the
   * reason in its message; a policy that could not be checked leaves it pending for the next vote.
   */
  private boolean allowed(
      OperationRun run, Plan<?> plan, List<String> locked, Map<String, String> stored) {
    QuorumPolicy.Verdict verdict = policy.check(run, plan, locked, stored);
    if (verdict instanceof QuorumPolicy.Refused refused) {
      end(run, "rejected", OperationState.REJECTED, "approved, but not run: " + refused.why());
      return false;
    }
    if (verdict instanceof QuorumPolicy.Unknown unknown) {
      run.detail(
          new Reply.Text(
              "Op "
                  + run.id()
                  + " has its approvals, but "
                  + unknown.why()
                  + "; it stays pending. Approve again in a minute to retry."));
      return false;
    }
    return true;
  }

  /** An approved request whose operation had not started (a restart came in between): runs it. */
  void startApproved(Op<?> op) {
    start(op, true);
  }

  private <P> void start(Op<P> op, boolean resumed) {
    op.run().approved("approved by " + approvers(op.run().id()));
    runs.track(
        op.run(), recorder.finish(op, resumed ? Continuation.resume(op) : Continuation.start(op)));
  }

  /**
   * After a restart, for an approved operation that was running: the message's notes live only in
   * memory, so show again who approved it before the next edit would drop that line.
   */
  void showApproval(OperationRun run) {
    store
        .forOperation(run.id())
        .filter(r -> r.state().equals("approved"))
        .ifPresent(r -> run.notes(List.of("approved by " + approvers(run.id()))));
  }

  private String approvers(long operationId) {
    return approvingVoters(operationId).stream()
        .map(Actor::displayName)
        .collect(Collectors.joining(", "));
  }

  /**
   * The voters who approve the current plan, one per person, first vote first: one person voting
   * from two platforms counts once, whatever the store kept.
   */
  private List<Actor> approvingVoters(long operationId) {
    Map<String, Actor> byPerson = new LinkedHashMap<>();
    store.votes(operationId).stream()
        .filter(ApprovalStore.Vote::approve)
        .forEach(v -> byPerson.putIfAbsent(approvers.person(v.voter()), v.voter()));
    return List.copyOf(byPerson.values());
  }

  /** The service of an operation, so that /audit <service> shows its votes. */
  private String service(long operationId) {
    return runs.params(operationId).getOrDefault("service", "");
  }

  private void end(OperationRun run, String requestState, OperationState state, String why) {
    if (!store.close(run.id(), requestState)) {
      return;
    }
    endUnrun(run, state, why);
  }

  /** Ends an operation whose request was closed without approval ({@code why} says how). */
  void endUnrun(OperationRun run, OperationState state, String why) {
    run.step(Step.APPROVAL, StepState.FAILED, why);
    run.notes(List.of(why));
    runs.track(run, recorder.endUnrun(kinds.op(run, runs.params(run.id())), state, why));
  }

  private void scheduleExpiry(long operationId, Instant expires) {
    long delay = Math.max(0, Duration.between(clock.instant(), expires).toMillis());
    scheduler.schedule(() -> pool.execute(() -> expire(operationId)), delay, TimeUnit.MILLISECONDS);
  }

  private void expire(long operationId) {
    store
        .forOperation(operationId)
        .filter(r -> r.state().equals("pending"))
        .ifPresent(
            r ->
                runs.open(operationId)
                    .ifPresent(
                        run ->
                            end(
                                run,
                                "expired",
                                OperationState.EXPIRED,
                                "expired: nobody approved by "
                                    + ApprovalNotes.expiry(catalog, run, r.expires()))));
  }

  void showRequest(OperationRun run) {
    ApprovalStore.Request r = store.forOperation(run.id()).orElseThrow();
    List<String> approvedBy = approvingVoters(run.id()).stream().map(Actor::displayName).toList();
    run.notes(ApprovalNotes.request(run, r, approvedBy, catalog));
  }

  private ApprovalStore.Request pending(long operationId) {
    ApprovalStore.Request r =
        store
            .forOperation(operationId)
            .orElseThrow(
                () ->
                    new UsageException(
                        "op " + operationId + " does not wait for approval",
                        "/status shows what runs"));
    if (!r.state().equals("pending")) {
      throw new UsageException(
          "op " + operationId + " is already " + r.state(), "nothing to vote on");
    }
    return r;
  }
}
