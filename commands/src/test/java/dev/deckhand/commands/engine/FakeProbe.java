package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.ports.HealthProbe;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A health probe that gives a fixed result (or throws) and records its calls. */
final class FakeProbe implements HealthProbe {
  private final List<URI> calls = new CopyOnWriteArrayList<>();
  private volatile Result result = new Result(true, "200 OK");
  private volatile RuntimeException failure;
  private final java.util.Queue<Result> script = new java.util.concurrent.ConcurrentLinkedQueue<>();

  void answer(Result r) {
    result = r;
  }

  /** The next checks answer these, in order; then {@link #answer}'s result again. */
  void script(Result... results) {
    script.addAll(List.of(results));
  }

  /** Every check throws, as a probe with a bug would. */
  void failWith(RuntimeException e) {
    failure = e;
  }

  List<URI> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Result check(HealthCheck check) {
    calls.add(check.url());
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
    Result next = script.poll();
    return next != null ? next : result;
  }
}
