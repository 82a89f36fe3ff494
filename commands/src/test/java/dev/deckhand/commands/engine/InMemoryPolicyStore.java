package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.FreezeStore;
import dev.deckhand.commands.ports.LockStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Approvals, votes, locks and freezes in memory, with the ports' semantics. Thread-safe. */
final class InMemoryPolicyStore implements ApprovalStore, LockStore, FreezeStore {
  private static final Instant AT = Instant.parse("2026-05-19T10:00:00Z");

  private final Map<Long, Request> requests = new LinkedHashMap<>();
  private final Map<Long, List<Vote>> votes = new LinkedHashMap<>();
  private final Map<String, Lock> locks = new LinkedHashMap<>();
  private final Map<String, Freeze> freezes = new LinkedHashMap<>();
  private Runnable afterHolderRead;

  @Override
  public synchronized void open(Request request) {
    requests.put(request.operationId(), request);
  }

  @Override
  public synchronized Optional<Request> forOperation(long operationId) {
    return Optional.ofNullable(requests.get(operationId));
  }

  @Override
  public synchronized Optional<Request> forMessage(String conversation, String messageId) {
    return requests.values().stream()
        .filter(r -> r.conversation().equals(conversation) && r.messageId().equals(messageId))
        .findFirst();
  }

  @Override
  public synchronized List<Request> pending() {
    return requests.values().stream().filter(r -> r.state().equals("pending")).toList();
  }

  @Override
  public synchronized boolean vote(
      long operationId, Actor voter, boolean approve, String planHash) {
    List<Vote> list = votes.computeIfAbsent(operationId, k -> new ArrayList<>());
    Optional<Vote> existing = list.stream().filter(v -> same(v.voter(), voter)).findFirst();
    if (existing.isPresent()
        && existing.get().approve() == approve
        && existing.get().planHash().equals(planHash)) {
      return false;
    }
    existing.ifPresent(list::remove);
    list.add(new Vote(voter, approve, planHash, AT));
    return true;
  }

  @Override
  public synchronized boolean withdraw(long operationId, Actor voter) {
    return votes.getOrDefault(operationId, new ArrayList<>()).removeIf(v -> same(v.voter(), voter));
  }

  @Override
  public synchronized List<Vote> votes(long operationId) {
    Request r = requests.get(operationId);
    return votes.getOrDefault(operationId, List.of()).stream()
        .filter(v -> r != null && v.planHash().equals(r.planHash()))
        .toList();
  }

  @Override
  public synchronized void replan(long operationId, String planHash, String messageId) {
    Request r = requests.get(operationId);
    requests.put(
        operationId,
        new Request(
            operationId,
            planHash,
            r.conversation(),
            messageId,
            r.required(),
            r.fromRole(),
            r.expires(),
            r.state()));
    votes.remove(operationId);
  }

  @Override
  public synchronized boolean approve(long operationId, String planHash) {
    Request r = requests.get(operationId);
    if (r == null || !r.planHash().equals(planHash)) {
      return false;
    }
    return close(operationId, "approved");
  }

  @Override
  public synchronized boolean close(long operationId, String state) {
    Request r = requests.get(operationId);
    if (r == null || !r.state().equals("pending")) {
      return false;
    }
    requests.put(
        operationId,
        new Request(
            operationId,
            r.planHash(),
            r.conversation(),
            r.messageId(),
            r.required(),
            r.fromRole(),
            r.expires(),
            state));
    return true;
  }

  @Override
  public synchronized Optional<Lock> acquire(Lock lock) {
    String key = lock.service() + "/" + lock.environment();
    Lock held = locks.putIfAbsent(key, lock);
    return Optional.ofNullable(held);
  }

  @Override
  public synchronized Optional<Lock> holder(String service, String environment) {
    Optional<Lock> held = Optional.ofNullable(locks.get(service + "/" + environment));
    Runnable change = afterHolderRead;
    afterHolderRead = null;
    if (change != null) {
      change.run();
    }
    return held;
  }

  @Override
  public synchronized boolean release(String service, String environment, long operationId) {
    Lock l = locks.get(service + "/" + environment);
    if (l != null && l.operationId() == operationId) {
      locks.remove(service + "/" + environment);
      return true;
    }
    return false;
  }

  /** Runs {@code change} once, right after the next {@link #holder} read: another bot's move. */
  synchronized void afterNextHolderRead(Runnable change) {
    afterHolderRead = change;
  }

  @Override
  public synchronized boolean releaseIfUnchanged(Lock shown) {
    String key = shown.service() + "/" + shown.environment();
    Lock l = locks.get(key);
    if (l != null
        && l.operationId() == shown.operationId()
        && l.since().equals(shown.since())
        && same(l.owner(), shown.owner())) {
      locks.remove(key);
      return true;
    }
    return false;
  }

  @Override
  public synchronized boolean forceRelease(String service, String environment) {
    return locks.remove(service + "/" + environment) != null;
  }

  @Override
  public synchronized void keep(
      String service, String environment, long operationId, String reason) {
    Lock l = locks.get(service + "/" + environment);
    if (l != null && l.operationId() == operationId) {
      locks.put(
          service + "/" + environment,
          new Lock(service, environment, l.owner(), reason, 0, l.instance(), l.since()));
    }
  }

  @Override
  public synchronized List<Lock> all() {
    return List.copyOf(locks.values());
  }

  @Override
  public synchronized void freeze(String environment, Instant until, Actor by, String reason) {
    freezes.put(environment, new Freeze(environment, until, by, reason));
  }

  @Override
  public synchronized boolean unfreeze(String environment) {
    return freezes.remove(environment) != null;
  }

  @Override
  public synchronized Optional<Freeze> active(String environment, Instant now) {
    return Optional.ofNullable(freezes.get(environment)).filter(f -> f.until().isAfter(now));
  }

  /** Votes are keyed by person, as in the JDBC store: one vote per person, from any platform. */
  private static boolean same(Actor a, Actor b) {
    return a.person().equals(b.person());
  }
}
