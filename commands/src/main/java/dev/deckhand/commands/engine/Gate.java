package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.policy.Freezes;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy every change passes and the one way operations of every kind start: the service lock,
 * freezes and break-glass before anything is read; then the operation is stored, posted, locked and
 * either sent for approval or run. A failure anywhere after it was stored ends it {@code failed}
 * with the reason in its message and releases its lock; a crash there is resolved by the next start
 * (see {@link Resumer}).
 */
final class Gate {
  private final ServiceLocks locks;
  private final Freezes freezes;
  private final Permissions permissions;
  private final OperationRuns runs;
  private final Approvals approvals;
  private final Recorder recorder;
  private final AuditLog audit;
  private final Clock clock;

  Gate(
      ServiceLocks locks,
      Freezes freezes,
      Permissions permissions,
      OperationRuns runs,
      Approvals approvals,
      Recorder recorder,
      AuditLog audit,
      Clock clock) {
    this.locks = locks;
    this.freezes = freezes;
    this.permissions = permissions;
    this.runs = runs;
    this.approvals = approvals;
    this.recorder = recorder;
    this.audit = audit;
    this.clock = clock;
  }

  /** Refuses a change that a lock, a freeze or a missing break-glass grant forbids. */
  void precheck(
      String service,
      EnvironmentSpec env,
      String action,
      String breakGlass,
      Request request,
      boolean dryRun) {
    if (!breakGlass.isEmpty()) {
      permissions.require(request.actor(), "break-glass", env.name());
    }
    if (dryRun) {
      return;
    }
    locks.refuseIfHeld(service, env.name());
    freezes
        .activeFreeze(env, clock.instant())
        .filter(f -> breakGlass.isEmpty())
        .ifPresent(
            f -> {
              throw new UsageException(
                  f + "; nothing was changed",
                  "wait for the freeze to end, or, for an emergency, a role with break-glass:"
                      + env.name()
                      + " can add --break-glass \"<reason>\" to /"
                      + action);
            });
  }

  /**
   * Stores the operation, posts it, takes the lock, then asks for approval or runs it. The part
   * after the operation's message is posted runs later, on a worker, when the chat rate-limits that
   * post ({@link OperationRuns#start}).
   */
  <P> void launch(
      OperationKind<?, P> kind,
      Plan<P> plan,
      EnvironmentSpec env,
      List<StepRecord> steps,
      boolean approval,
      Request request) {
    runs.start(
        kind.name(),
        new OperationRun.Header(
            plan.summary(), request.actor(), env.name(), plan.target().toString()),
        request,
        steps,
        approval ? OperationState.PENDING_APPROVAL : OperationState.RUNNING,
        plan.service(),
        stored(kind, plan, request),
        run -> launched(new Op<>(run, kind, plan), env, approval, request));
  }

  /** The plan's fields, and the requester's groups for the check at quorum. */
  private static <P> Map<String, String> stored(
      OperationKind<?, P> kind, Plan<P> plan, Request request) {
    Map<String, String> fields = new LinkedHashMap<>(PlanCodec.write(kind, plan));
    fields.putAll(QuorumPolicy.requesterFields(request.actor()));
    return fields;
  }

  private <P> void launched(Op<P> op, EnvironmentSpec env, boolean approval, Request request) {
    OperationRun run = op.run();
    // Votes find the run only from here, and wait on it until its request is open.
    synchronized (run.decisions()) {
      runs.register(run);
      if (!started(op, env, approval, request)) {
        return;
      }
    }
    runs.track(run, recorder.finish(op, Continuation.start(op)));
  }

  /**
   * The rest of the start: message id, lock, audit, break-glass banner, approval request. False
   * when the operation waits for approval; a failure ends it {@code failed} and is thrown on.
   */
  private <P> boolean started(Op<P> op, EnvironmentSpec env, boolean approval, Request request) {
    OperationRun run = op.run();
    Plan<P> plan = op.plan();
    try {
      runs.attachMessage(run);
      for (String service : op.locked()) {
        locks.acquire(service, env.name(), request.actor(), run.id(), plan.summary());
      }
      audit.append(
          request.actor(),
          "planned",
          plan.service(),
          env.name(),
          run.id(),
          plan.summary() + " plan " + plan.hash());
      if (!plan.breakGlass().isEmpty()) {
        announceBreakGlass(run, plan, request);
      }
      if (approval) {
        approvals.open(run, env, plan.hash());
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      String why =
          e instanceof UsageException u
              ? u.problem()
              : "it could not start; its requester was told the internal error's reference";
      runs.track(run, recorder.endUnrun(op, OperationState.FAILED, why));
      throw e;
    }
  }

  private <P> void announceBreakGlass(OperationRun run, Plan<P> plan, Request request) {
    String who = request.actor().displayName();
    String line =
        "🚨 BREAK-GLASS 🚨 "
            + who
            + " skips freezes and approvals for op "
            + run.id()
            + " ("
            + plan.summary()
            + " in "
            + plan.environment()
            + "): "
            + plan.breakGlass();
    audit.append(
        request.actor(),
        "break-glass",
        plan.service(),
        plan.environment(),
        run.id(),
        plan.breakGlass());
    run.notes(List.of(line));
    run.announce(new Reply.Text(line));
  }
}
