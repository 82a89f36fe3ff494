package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import dev.deckhand.commands.rollout.RolloutVerdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Waits for a rollout without holding a thread: the cluster's shared informer feeds snapshots; the
 * future completes on kubectl's verdict, on the first failing pod of the new ReplicaSet, or at the
 * time bound. Snapshots older than the generation the change produced are ignored, so a stale cache
 * can never report a false success.
 */
public final class RolloutWaiter {
  private final Cluster cluster;
  private final ScheduledExecutorService scheduler;

  public RolloutWaiter(Cluster cluster, ScheduledExecutorService scheduler) {
    this.cluster = cluster;
    this.scheduler = scheduler;
  }

  public CompletableFuture<RolloutOutcome> await(
      Target target, long generation, Duration bound, Consumer<RolloutSnapshot> progress) {
    CompletableFuture<RolloutOutcome> outcome = new CompletableFuture<>();
    AtomicReference<RolloutSnapshot> last = new AtomicReference<>();
    Cluster.Subscription sub =
        cluster.watch(
            target,
            snapshot -> {
              if (outcome.isDone() || snapshot.status().generation() < generation) {
                return;
              }
              last.set(snapshot);
              progress.accept(snapshot);
              judge(target, snapshot).ifPresent(outcome::complete);
            });
    var timer =
        scheduler.schedule(
            () ->
                outcome.complete(
                    new RolloutOutcome.TimedOut(
                        "no verdict after " + Durations.words(bound), last.get())),
            bound.toMillis(),
            TimeUnit.MILLISECONDS);
    outcome.whenComplete(
        (o, e) -> {
          timer.cancel(false);
          sub.close();
        });
    return outcome;
  }

  private static java.util.Optional<RolloutOutcome> judge(Target target, RolloutSnapshot s) {
    // Until the controller has observed the change, the "new" ReplicaSet is the old one: its
    // pods say nothing about this rollout.
    if (s.status().observedGeneration() < s.status().generation()) {
      return java.util.Optional.empty();
    }
    if (!s.problems().isEmpty()) {
      var p = s.problems().get(0);
      String why =
          "pod "
              + p.pod()
              + " is "
              + p.reason()
              + (p.message().isEmpty() ? "" : ": " + p.message());
      return java.util.Optional.of(new RolloutOutcome.Failed(why, p, s));
    }
    RolloutVerdict v = RolloutVerdict.of(target.deployment(), s.status());
    if (v instanceof RolloutVerdict.Complete) {
      return java.util.Optional.of(new RolloutOutcome.Complete(s));
    }
    if (v instanceof RolloutVerdict.Failed f) {
      return java.util.Optional.of(new RolloutOutcome.Failed(f.message(), null, s));
    }
    return java.util.Optional.empty();
  }
}
