package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.Conversations;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.OperationStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a start, picks up every operation of any kind the store says is unfinished, whatever prefix
 * of its transitions the previous process wrote before it stopped:
 *
 * <ul>
 *   <li>its message was never posted: it gets one now;
 *   <li>its lock is gone and someone else took it: it ends {@code failed}, nothing changed;
 *   <li>waiting for approval: a pending request stays open and keeps its expiry; an approved one
 *       whose run had not started runs now (re-planned first); a request closed otherwise, or never
 *       opened, ends the operation with the matching state;
 *   <li>running: it carries on from its steps, by the rules of {@link Continuation}.
 * </ul>
 */
final class Resumer {
  private static final Logger log = LoggerFactory.getLogger(Resumer.class);

  private final OperationStore operations;
  private final ApprovalStore approvalStore;
  private final Conversations conversations;
  private final OperationRuns runs;
  private final Kinds kinds;
  private final Approvals approvals;
  private final Recorder recorder;
  private final ServiceLocks locks;
  private final LockStore lockStore;

  Resumer(
      OperationStore operations,
      ApprovalStore approvalStore,
      Conversations conversations,
      OperationRuns runs,
      Kinds kinds,
      Approvals approvals,
      Recorder recorder,
      ServiceLocks locks,
      LockStore lockStore) {
    this.operations = operations;
    this.approvalStore = approvalStore;
    this.conversations = conversations;
    this.runs = runs;
    this.kinds = kinds;
    this.approvals = approvals;
    this.recorder = recorder;
    this.locks = locks;
    this.lockStore = lockStore;
  }

  /** Resumes what can be resumed; returns how many operations were picked up. */
  int resumeAll() {
    releaseOrphanedLocks();
    int n = 0;
    for (OperationRecord r : operations.unfinished()) {
      try {
        if (resume(r)) {
          n++;
        }
      } catch (RuntimeException e) {
        log.error("could not resume op {}", r.id(), e);
      }
    }
    return n;
  }

  /**
   * Locks held by operations that have ended (a crash between ending one and releasing its lock,
   * from before endings were one transaction) or that no longer exist are released; manual locks
   * stay.
   */
  private void releaseOrphanedLocks() {
    for (LockStore.Lock lock : lockStore.all()) {
      if (lock.operationId() <= 0) {
        continue;
      }
      boolean ended =
          operations.find(lock.operationId()).map(o -> o.state().isFinal()).orElse(true);
      if (ended && lockStore.release(lock.service(), lock.environment(), lock.operationId())) {
        log.warn(
            "released the lock of {} in {} left by ended op {}",
            lock.service(),
            lock.environment(),
            lock.operationId());
      }
    }
  }

  private boolean resume(OperationRecord r) {
    Optional<Conversation> chat = conversations.find(r.conversation());
    if (kinds.find(r.kind()).isEmpty()) {
      log.warn(
          "op {} is of kind {}, which this version does not know; leaving it", r.id(), r.kind());
      return false;
    }
    if (chat.isEmpty()) {
      log.warn(
          "op {} ({}) cannot be resumed here: conversation {} is not connected",
          r.id(),
          r.kind(),
          r.conversation());
      return false;
    }
    Plan<?> plan = kinds.plan(r.kind(), operations.params(r.id()));
    OperationRun run = runs.reattach(r, chat.get(), plan);
    Op<?> op = kinds.op(run, operations.params(r.id()));
    try {
      for (String service : op.locked()) {
        locks.acquire(service, plan.environment(), r.requester(), r.id(), plan.summary());
      }
    } catch (UsageException e) {
      String why = "its lock was taken while Deckhand was down (" + e.problem() + ")";
      runs.track(run, recorder.endUnrun(op, OperationState.FAILED, why));
      return true;
    }
    if (r.state() == OperationState.PENDING_APPROVAL) {
      return resumeRequest(op, r);
    }
    approvals.showApproval(run);
    run.detail(new Reply.Text("Deckhand restarted and picked up op " + r.id() + " where it was."));
    runs.track(run, recorder.finish(op, Continuation.resume(op)));
    log.info("resumed op {} ({})", r.id(), plan.summary());
    return true;
  }

  private boolean resumeRequest(Op<?> op, OperationRecord r) {
    OperationRun run = op.run();
    Optional<ApprovalStore.Request> request = approvalStore.forOperation(r.id());
    if (request.isEmpty()) {
      approvals.endUnrun(
          run,
          OperationState.FAILED,
          "Deckhand stopped before the approval request was open; nothing was changed, ask again");
      return true;
    }
    switch (request.get().state()) {
      case "pending" -> {
        approvals.watchExpiry(request.get());
        approvals.actOnStoredVotes(run, request.get());
        log.info("op {} waits for approval, or runs if its stored votes decided it", r.id());
      }
      case "approved" -> {
        run.detail(
            new Reply.Text(
                "Deckhand restarted after op " + r.id() + " was approved; it runs now."));
        approvals.startApproved(op);
      }
      default -> {
        String state = request.get().state();
        approvals.endUnrun(run, OperationState.ofWord(state), state + " before Deckhand restarted");
      }
    }
    return true;
  }
}
