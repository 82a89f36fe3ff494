package dev.deckhand.commands.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.OperationStore;
import dev.deckhand.commands.ports.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Operations, the timeline and the audit trail in memory. Thread-safe. */
final class InMemoryStore implements OperationStore, Timeline, AuditLog {
  private static final Instant AT = Instant.parse("2026-05-19T10:00:00Z");

  private final Map<Long, OperationRecord> operations = new LinkedHashMap<>();
  private final List<Timeline.Entry> timeline = new ArrayList<>();
  private final List<AuditLog.Event> audit = new ArrayList<>();
  private final Map<Long, Map<String, String>> params = new LinkedHashMap<>();
  private final dev.deckhand.commands.ports.LockStore locks;
  private long nextId = 1;

  /**
   * @param locks the lock store an ending releases the operation's lock in
   */
  InMemoryStore(dev.deckhand.commands.ports.LockStore locks) {
    this.locks = locks;
  }

  @Override
  public boolean end(long id, Ending ending) {
    synchronized (this) {
      if (operations.get(id).state().isFinal()) {
        return false;
      }
      update(id, ending.state(), ending.steps());
      if (ending.timeline() != null) {
        record(ending.timeline());
      }
      ending.otherTimeline().forEach(this::record);
      append(ending.actor(), "result", ending.service(), ending.environment(), id, ending.result());
    }
    for (String service : ending.lockedServices()) {
      if (ending.keepLockReason() == null) {
        locks.release(service, ending.environment(), id);
      } else {
        locks.keep(service, ending.environment(), id, ending.keepLockReason());
      }
    }
    return true;
  }

  @Override
  public synchronized long create(
      String kind,
      Actor requester,
      String service,
      String environment,
      String commandText,
      OperationState state,
      List<StepRecord> steps,
      String conversation,
      Map<String, String> operationParams) {
    long id = nextId++;
    params.put(id, Map.copyOf(operationParams));
    operations.put(
        id,
        new OperationRecord(
            id,
            kind,
            // As the real store: groups are not stored.
            new Actor(requester.platform(), requester.id(), requester.displayName()),
            service,
            environment,
            commandText,
            state,
            steps,
            conversation,
            "",
            AT,
            AT));
    return id;
  }

  @Override
  public synchronized void update(long id, OperationState state, List<StepRecord> steps) {
    OperationRecord r = operations.get(id);
    operations.put(
        id,
        new OperationRecord(
            id,
            r.kind(),
            r.requester(),
            r.service(),
            r.environment(),
            r.commandText(),
            state,
            steps,
            r.conversation(),
            r.messageId(),
            r.created(),
            AT));
  }

  @Override
  public synchronized void attachMessage(long id, String messageId) {
    OperationRecord r = operations.get(id);
    operations.put(
        id,
        new OperationRecord(
            id,
            r.kind(),
            r.requester(),
            r.service(),
            r.environment(),
            r.commandText(),
            r.state(),
            r.steps(),
            r.conversation(),
            messageId,
            r.created(),
            r.updated()));
  }

  @Override
  public synchronized Optional<OperationRecord> find(long id) {
    return Optional.ofNullable(operations.get(id));
  }

  @Override
  public synchronized void updateParams(long id, Map<String, String> operationParams) {
    params.put(id, Map.copyOf(operationParams));
  }

  @Override
  public synchronized Map<String, String> params(long id) {
    return params.getOrDefault(id, Map.of());
  }

  @Override
  public synchronized List<OperationRecord> unfinished() {
    return operations.values().stream().filter(r -> !r.state().isFinal()).toList();
  }

  @Override
  public synchronized void record(Timeline.Entry entry) {
    timeline.add(entry);
  }

  @Override
  public synchronized List<Timeline.Entry> recent(String service, String environment, int limit) {
    List<Timeline.Entry> newestFirst = new ArrayList<>(timeline);
    Collections.reverse(newestFirst);
    return newestFirst.stream()
        .filter(e -> e.service().equals(service) && e.environment().equals(environment))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void append(
      Actor actor,
      String action,
      String service,
      String environment,
      long operationId,
      String detail) {
    audit.add(
        new AuditLog.Event(
            audit.size() + 1, AT, actor, action, service, environment, operationId, detail, ""));
  }

  @Override
  public synchronized List<AuditLog.Event> recent(String service, int limit) {
    List<AuditLog.Event> newestFirst = new ArrayList<>(audit);
    Collections.reverse(newestFirst);
    return newestFirst.stream()
        .filter(e -> service == null || e.service().equals(service))
        .limit(limit)
        .toList();
  }

  synchronized List<OperationRecord> operations() {
    return List.copyOf(operations.values());
  }

  /** The one operation created so far; fails the test if there is none or several. */
  synchronized OperationRecord only() {
    assertThat(operations).hasSize(1);
    return operations.values().iterator().next();
  }

  synchronized List<Timeline.Entry> timeline() {
    return List.copyOf(timeline);
  }

  synchronized List<AuditLog.Event> events(String action) {
    return audit.stream().filter(e -> e.action().equals(action)).toList();
  }
}
