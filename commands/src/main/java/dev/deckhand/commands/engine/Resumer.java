package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.Conversations;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.OperationStore;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a start, picks up every operation the store says is unfinished: a pending approval stays
 * open and keeps its expiry; a running deploy or rollback is re-attached to its live message and
 * carried on from its first unfinished step (watching the rollout again, never patching twice).
 */
final class Resumer {
  private static final Logger log = LoggerFactory.getLogger(Resumer.class);

  private final OperationStore operations;
  private final ApprovalStore approvalStore;
  private final Conversations conversations;
  private final OperationRuns runs;
  private final Approvals approvals;
  private final Map<String, Execution> executions;
  private final Recorder recorder;
  private final ServiceLocks locks;
  private final LockStore lockStore;

  Resumer(
      OperationStore operations,
      ApprovalStore approvalStore,
      Conversations conversations,
      OperationRuns runs,
      Approvals approvals,
      Map<String, Execution> executions,
      Recorder recorder,
      ServiceLocks locks,
      LockStore lockStore) {
    this.operations = operations;
    this.approvalStore = approvalStore;
    this.conversations = conversations;
    this.runs = runs;
    this.approvals = approvals;
    this.executions = executions;
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
   * Locks held by operations that have ended (the process died between ending one and releasing its
   * lock) or that no longer exist are released; manual locks stay.
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
    Execution execution = executions.get(r.kind());
    if (chat.isEmpty() || execution == null || r.messageId().isEmpty()) {
      log.warn(
          "op {} ({}) cannot be resumed here: conversation {} is not connected",
          r.id(),
          r.kind(),
          r.conversation());
      return false;
    }
    OpParams p = OpParams.of(operations.params(r.id()));
    OperationRun run = runs.reattach(r, chat.get(), p);
    locks.acquire(p.service(), p.environment(), r.requester(), r.id(), p.summary());
    if (r.state() == OperationState.PENDING_APPROVAL) {
      Optional<ApprovalStore.Request> request = approvalStore.forOperation(r.id());
      if (request.isEmpty()) {
        log.warn("op {} waits for approval but has no request; leaving it", r.id());
        return false;
      }
      approvals.watchExpiry(request.get());
      log.info("op {} still waits for approval", r.id());
      return true;
    }
    approvals.showApproval(run);
    run.detail(new Reply.Text("Deckhand restarted and picked up op " + r.id() + " where it was."));
    runs.track(
        run, recorder.finish(run, execution.resume(run, p), p, () -> execution.resultImage(p)));
    log.info("resumed op {} ({})", r.id(), p.summary());
    return true;
  }
}
