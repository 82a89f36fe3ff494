package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.chat.Reply;
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
  private final Catalog catalog;
  private final OperationRuns runs;
  private final Map<String, Execution> executions;
  private final Recorder recorder;
  private final Replanner replanner;
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
      Catalog catalog,
      OperationRuns runs,
      Map<String, Execution> executions,
      Recorder recorder,
      Replanner replanner,
      AuditLog audit,
      ScheduledExecutorService scheduler,
      Executor pool,
      Clock clock) {
    this.store = store;
    this.approvers = new Approvers(permissions);
    this.catalog = catalog;
    this.runs = runs;
    this.executions = executions;
    this.recorder = recorder;
    this.replanner = replanner;
    this.audit = audit;
    this.scheduler = scheduler;
    this.pool = pool;
    this.clock = clock;
  }

  /** Turns a freshly started operation's message into its approval request. */
  void open(OperationRun run, EnvironmentSpec env, OpParams p) {
    var policy = env.approvals();
    Instant expires = clock.instant().plus(policy.expiry());
    store.open(
        new ApprovalStore.Request(
            run.id(),
            p.planHash(),
            run.messageRef().conversation(),
            run.messageRef().id(),
            policy.count(),
            policy.fromRole(),
            expires,
            "pending"));
    showRequest(run);
    scheduleExpiry(run.id(), expires);
  }

  /** After a restart: keep every pending request alive and expiring on time. */
  void watchExpiry(ApprovalStore.Request r) {
    scheduleExpiry(r.operationId(), r.expires());
  }

  /** A vote from a reaction or a command. Blocking; runs on a worker. */
  void vote(long operationId, Actor voter, boolean approve, String reason) {
    ApprovalStore.Request r = pending(operationId);
    OperationRun run = run(operationId);
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
    if (!store.vote(operationId, voter, approve, r.planHash())) {
      return; // the same vote again: counted once
    }
    audit.append(
        voter,
        approve ? "approve" : "reject",
        service(operationId),
        run.header().environment(),
        operationId,
        reason.isEmpty() ? r.planHash() : reason);
    if (!approve) {
      end(
          run,
          "rejected",
          OperationState.REJECTED,
          "rejected by " + voter.displayName() + (reason.isEmpty() ? "" : ": " + reason));
      return;
    }
    long approvals = store.votes(operationId).stream().filter(ApprovalStore.Vote::approve).count();
    if (approvals < r.required()) {
      showRequest(run);
      return;
    }
    approved(run, r);
  }

  /** A reaction removed before the quorum: the vote is withdrawn. */
  void withdraw(long operationId, Actor voter) {
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
      boolean requester = Approvers.same(who, run.header().actor());
      if (!requester && approvers.whyNot(who, run, r) != null) {
        throw new UsageException(
            who.displayName() + " may not cancel op " + operationId,
            "only its requester or an approver can");
      }
      end(run, "cancelled", OperationState.CANCELLED, "cancelled by " + who.displayName());
      return;
    }
    if (run != null && run.state() == OperationState.RUNNING) {
      throw new UsageException(
          "op " + operationId + " is already rolling out; Deckhand does not stop a rollout halfway",
          "it ends by itself (succeeded, or rolled back); /rollback afterwards if needed");
    }
    throw new UsageException(
        "op " + operationId + " is not waiting for approval", "/status shows what runs");
  }

  private void approved(OperationRun run, ApprovalStore.Request r) {
    OpParams planned = runs.params(run.id());
    OpParams fresh = replanner.refresh(planned);
    if (!fresh.planHash().equals(r.planHash())) {
      store.replan(run.id(), fresh.planHash(), r.messageId());
      if (!fresh.image().isEmpty()) {
        run.step(
            "resolve",
            StepState.DONE,
            dev.deckhand.commands.model.ImageRef.parse(fresh.image()).shortForm());
      }
      runs.updateParams(run.id(), fresh);
      audit.append(
          null,
          "replan",
          fresh.service(),
          fresh.environment(),
          run.id(),
          Replanner.difference(planned, fresh));
      run.detail(
          new Reply.Text(
              "The plan of op "
                  + run.id()
                  + " changed before it ran ("
                  + Replanner.difference(planned, fresh)
                  + "): the votes given so far are void. Approve again if the new plan is right."));
      showRequest(run);
      return;
    }
    if (!store.close(run.id(), "approved")) {
      return; // someone else's vote completed the quorum first
    }
    String by = approvers(run.id());
    run.step("approval", StepState.DONE, "approved by " + by);
    run.notes(List.of("approved by " + by));
    run.state(OperationState.RUNNING);
    String kind = run.header().summary().split(" ", 2)[0];
    Execution execution = executions.get(kind);
    var flow = execution.resume(run, fresh);
    runs.track(run, recorder.finish(run, flow, fresh, () -> execution.resultImage(fresh)));
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
    return store.votes(operationId).stream()
        .filter(ApprovalStore.Vote::approve)
        .map(v -> v.voter().displayName())
        .collect(Collectors.joining(", "));
  }

  /** The service of an operation, so that /audit <service> shows its votes. */
  private String service(long operationId) {
    return runs.params(operationId).service();
  }

  private void end(OperationRun run, String requestState, OperationState state, String why) {
    if (!store.close(run.id(), requestState)) {
      return;
    }
    run.step("approval", StepState.FAILED, why);
    run.notes(List.of(why));
    runs.track(run, recorder.endUnrun(run, runs.params(run.id()), state, why));
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
                                    + ApprovalNotes.HHMM.format(r.expires()))));
  }

  private void showRequest(OperationRun run) {
    ApprovalStore.Request r = store.forOperation(run.id()).orElseThrow();
    List<String> approvedBy =
        store.votes(run.id()).stream()
            .filter(ApprovalStore.Vote::approve)
            .map(v -> v.voter().displayName())
            .toList();
    run.notes(ApprovalNotes.request(run, r, approvedBy));
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

  private OperationRun run(long operationId) {
    return runs.open(operationId)
        .orElseThrow(() -> new IllegalStateException("pending op " + operationId + " has no run"));
  }
}
