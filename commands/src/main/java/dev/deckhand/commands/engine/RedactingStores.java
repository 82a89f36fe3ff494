package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.FreezeStore;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.OperationStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stores the engine writes through, with every free text passing the {@link Redactor} on its
 * way in: an operation's command text, step details, ending result and kept-lock reason, its
 * break-glass reason among its params; every audit detail; lock and freeze reasons. Reads pass
 * through unchanged. The other params are left as they are: the plan hash covers them, and they are
 * validated names and tags, not text someone typed. Thread-safe when the wrapped stores are.
 */
final class RedactingStores {
  private RedactingStores() {}

  /** The ports with their text-keeping stores wrapped; applied once, where the engine is wired. */
  static Engine.Ports around(Engine.Ports p, Redactor redactor) {
    return new Engine.Ports(
        p.cluster(),
        p.registry(),
        p.health(),
        new Operations(p.operations(), redactor),
        p.timeline(),
        new Audit(p.audit(), redactor),
        p.approvals(),
        new Locks(p.locks(), redactor),
        new Freezes(p.freezes(), redactor),
        p.deliveries(),
        p.boards(),
        p.conversations(),
        p.sqlLedger(),
        p.webhooks(),
        p.builds(),
        p.metrics());
  }

  private static List<StepRecord> steps(List<StepRecord> steps, Redactor redactor) {
    return steps.stream().map(s -> s.with(s.state(), redactor.redact(s.detail()))).toList();
  }

  /** Audit details redacted. */
  record Audit(AuditLog inner, Redactor redactor) implements AuditLog {
    @Override
    public void append(
        Actor actor,
        String action,
        String service,
        String environment,
        long operationId,
        String detail) {
      inner.append(actor, action, service, environment, operationId, redactor.redact(detail));
    }

    @Override
    public List<Event> recent(String service, int limit) {
      return inner.recent(service, limit);
    }
  }

  /** Command texts, step details, endings and the break-glass reason redacted. */
  record Operations(OperationStore inner, Redactor redactor) implements OperationStore {
    @Override
    public long create(
        String kind,
        Actor requester,
        String service,
        String environment,
        String commandText,
        OperationState state,
        List<StepRecord> steps,
        String conversation,
        Map<String, String> params) {
      return inner.create(
          kind,
          requester,
          service,
          environment,
          redactor.redact(commandText),
          state,
          steps(steps, redactor),
          conversation,
          params(params));
    }

    @Override
    public void update(long id, OperationState state, List<StepRecord> steps) {
      inner.update(id, state, steps(steps, redactor));
    }

    @Override
    public void attachMessage(long id, String messageId) {
      inner.attachMessage(id, messageId);
    }

    @Override
    public Optional<OperationRecord> find(long id) {
      return inner.find(id);
    }

    @Override
    public void updateParams(long id, Map<String, String> params) {
      inner.updateParams(id, params(params));
    }

    @Override
    public Map<String, String> params(long id) {
      return inner.params(id);
    }

    @Override
    public boolean end(long id, Ending e) {
      return inner.end(
          id,
          new Ending(
              e.state(),
              steps(e.steps(), redactor),
              e.timeline(),
              e.actor(),
              e.service(),
              e.environment(),
              redactor.redact(e.result()),
              redactor.redact(e.keepLockReason()),
              e.otherLocks(),
              e.otherTimeline()));
    }

    @Override
    public List<OperationRecord> unfinished() {
      return inner.unfinished();
    }

    private Map<String, String> params(Map<String, String> params) {
      String reason = params.get(PlanCodec.BREAK_GLASS);
      if (reason == null) {
        return params;
      }
      Map<String, String> out = new LinkedHashMap<>(params);
      out.put(PlanCodec.BREAK_GLASS, redactor.redact(reason));
      return out;
    }
  }

  /** Lock reasons redacted. */
  record Locks(LockStore inner, Redactor redactor) implements LockStore {
    @Override
    public Optional<Lock> acquire(Lock l) {
      return inner.acquire(
          new Lock(
              l.service(),
              l.environment(),
              l.owner(),
              redactor.redact(l.reason()),
              l.operationId(),
              l.instance(),
              l.since()));
    }

    @Override
    public Optional<Lock> holder(String service, String environment) {
      return inner.holder(service, environment);
    }

    @Override
    public boolean release(String service, String environment, long operationId) {
      return inner.release(service, environment, operationId);
    }

    @Override
    public boolean releaseIfUnchanged(Lock shown) {
      return inner.releaseIfUnchanged(shown);
    }

    @Override
    public boolean forceRelease(String service, String environment) {
      return inner.forceRelease(service, environment);
    }

    @Override
    public void keep(String service, String environment, long operationId, String reason) {
      inner.keep(service, environment, operationId, redactor.redact(reason));
    }

    @Override
    public List<Lock> all() {
      return inner.all();
    }
  }

  /** Freeze reasons redacted. */
  record Freezes(FreezeStore inner, Redactor redactor) implements FreezeStore {
    @Override
    public void freeze(String environment, Instant until, Actor by, String reason) {
      inner.freeze(environment, until, by, redactor.redact(reason));
    }

    @Override
    public boolean unfreeze(String environment) {
      return inner.unfreeze(environment);
    }

    @Override
    public Optional<Freeze> active(String environment, Instant now) {
      return inner.active(environment, now);
    }
  }
}
