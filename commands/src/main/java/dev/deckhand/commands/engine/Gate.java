package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.policy.Freezes;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The policy every change passes and the one way changes start: the service lock, freezes and
 * break-glass before anything is read; then the operation is stored, locked and either sent for
 * approval or executed.
 */
final class Gate {
  private final ServiceLocks locks;
  private final Freezes freezes;
  private final Permissions permissions;
  private final OperationRuns runs;
  private final Approvals approvals;
  private final Map<String, Execution> executions;
  private final Recorder recorder;
  private final AuditLog audit;
  private final Clock clock;

  Gate(
      ServiceLocks locks,
      Freezes freezes,
      Permissions permissions,
      OperationRuns runs,
      Approvals approvals,
      Map<String, Execution> executions,
      Recorder recorder,
      AuditLog audit,
      Clock clock) {
    this.locks = locks;
    this.freezes = freezes;
    this.permissions = permissions;
    this.runs = runs;
    this.approvals = approvals;
    this.executions = executions;
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

  boolean needsApproval(EnvironmentSpec env, String action, String breakGlass) {
    return env.needsApproval(action) && breakGlass.isEmpty();
  }

  /**
   * Stores the operation, takes the lock, then asks for approval or runs it. The part after the
   * operation's message is posted runs later, on a worker, when the chat rate-limits that post
   * ({@link OperationRuns#start}).
   */
  void launch(
      String kind,
      OpParams p,
      EnvironmentSpec env,
      List<StepRecord> plan,
      boolean approval,
      Request request) {
    runs.start(
        kind,
        new OperationRun.Header(p.summary(), request.actor(), env.name(), p.target().toString()),
        request,
        plan,
        approval ? OperationState.PENDING_APPROVAL : OperationState.RUNNING,
        p,
        run -> launched(kind, p, env, approval, request, run));
  }

  private void launched(
      String kind,
      OpParams p,
      EnvironmentSpec env,
      boolean approval,
      Request request,
      OperationRun run) {
    try {
      locks.acquire(p.service(), env.name(), request.actor(), run.id(), p.summary());
    } catch (UsageException e) {
      runs.track(run, recorder.endUnrun(run, p, OperationState.FAILED, e.problem()));
      throw e;
    }
    audit.append(
        request.actor(),
        "planned",
        p.service(),
        env.name(),
        run.id(),
        p.summary() + " plan " + p.planHash());
    if (!p.breakGlass().isEmpty()) {
      announceBreakGlass(run, p, request);
    }
    if (approval) {
      approvals.open(run, env, p);
      return;
    }
    Execution execution = executions.get(kind);
    runs.track(
        run, recorder.finish(run, execution.resume(run, p), p, () -> execution.resultImage(p)));
  }

  private void announceBreakGlass(OperationRun run, OpParams p, Request request) {
    String who = request.actor().displayName();
    String line =
        "🚨 BREAK-GLASS 🚨 "
            + who
            + " skips freezes and approvals for op "
            + run.id()
            + " ("
            + p.summary()
            + " in "
            + p.environment()
            + "): "
            + p.breakGlass();
    audit.append(
        request.actor(), "break-glass", p.service(), p.environment(), run.id(), p.breakGlass());
    run.notes(List.of(line));
    run.announce(new Reply.Text(line));
  }
}
