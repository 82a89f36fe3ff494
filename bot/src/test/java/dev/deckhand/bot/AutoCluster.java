package dev.deckhand.bot;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.DeploymentStatus;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An in-memory cluster whose controller moves rollouts by itself: a change bumps the generation,
 * unobserved; {@code delayMillis} later, on the controller's thread, the controller observes it and
 * either completes the rollout or, for an image {@code crashes} says is bad, shows a new pod in
 * CrashLoopBackOff (forever, as a real one). Like a real cluster it carries on whatever happens to
 * the bot. Records every set-image and undo. Thread-safe; watchers are called outside the lock.
 */
final class AutoCluster implements Cluster {
  static final int REPLICAS = 3;
  static final PodProblem CRASHING =
      new PodProblem(
          "coachpilot-gateway-7d9f-x2k4l",
          "gateway",
          "CrashLoopBackOff",
          "back-off 10s restarting failed container",
          3);

  /** A change as it was asked for. */
  record Change(Target target, String what, long generation) {}

  private record Watcher(Target target, Consumer<RolloutSnapshot> listener) {}

  private final ScheduledExecutorService controller;
  private final long delayMillis;
  private final Predicate<String> crashes;
  private final Map<Target, RolloutSnapshot> current = new HashMap<>();
  private final Map<Target, List<Revision>> history = new HashMap<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final List<Change> setImages = new CopyOnWriteArrayList<>();
  private final List<Change> undos = new CopyOnWriteArrayList<>();
  private volatile Runnable onChange = () -> {};

  AutoCluster(ScheduledExecutorService controller, long delayMillis, Predicate<String> crashes) {
    this.controller = controller;
    this.delayMillis = delayMillis;
    this.crashes = crashes;
  }

  /** A rolled-out deployment whose revisions 1..n ran {@code images}, the last one now. */
  synchronized void deployment(Target t, String... images) {
    List<Revision> revs = new ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      revs.add(new Revision(i + 1, images[i], "", i == images.length - 1));
    }
    history.put(t, revs);
    current.put(
        t, snapshot(images.length, images.length, images.length, images[images.length - 1]));
  }

  synchronized String image(Target t) {
    return current.get(t).image();
  }

  /** Runs at every set-image and undo, before the change is applied. */
  void onChange(Runnable hook) {
    onChange = hook;
  }

  List<Change> setImages() {
    return List.copyOf(setImages);
  }

  List<Change> undos() {
    return List.copyOf(undos);
  }

  @Override
  public synchronized RolloutSnapshot read(Target target) {
    RolloutSnapshot s = current.get(target);
    if (s == null) {
      throw new ClusterException("deployment " + target.deployment() + " not found");
    }
    return s;
  }

  @Override
  public long setImage(Target target, String image, String changeCause) {
    onChange.run();
    long generation;
    synchronized (this) {
      generation = read(target).status().generation() + 1;
      setImages.add(new Change(target, image, generation));
      change(target, image, changeCause, generation);
    }
    controllerObserves(target, generation);
    return generation;
  }

  @Override
  public long undo(Target target, long toRevision, String changeCause) {
    onChange.run();
    long generation;
    synchronized (this) {
      generation = read(target).status().generation() + 1;
      undos.add(new Change(target, "undo to " + toRevision, generation));
      List<Revision> revs = history.get(target);
      Revision now = revs.stream().filter(Revision::current).findFirst().orElseThrow();
      Revision to =
          revs.stream()
              .filter(r -> toRevision == 0 ? r.number() < now.number() : r.number() == toRevision)
              .reduce((a, b) -> b)
              .orElseThrow(
                  () ->
                      new ClusterException(
                          "deployment " + target.deployment() + " has no revision " + toRevision));
      // As the controller does: the old ReplicaSet comes back under the next revision number.
      revs.remove(to);
      change(target, to.image(), changeCause, generation);
    }
    controllerObserves(target, generation);
    return generation;
  }

  @Override
  public long restart(Target target, Instant at, String changeCause) {
    throw new UnsupportedOperationException("the crash-injection test restarts nothing");
  }

  @Override
  public long scale(Target target, int replicas) {
    throw new UnsupportedOperationException("the crash-injection test scales nothing");
  }

  @Override
  public long pause(Target target, boolean paused, String by, Instant at) {
    throw new UnsupportedOperationException("the crash-injection test pauses nothing");
  }

  @Override
  public synchronized List<Revision> history(Target target) {
    return List.copyOf(history.get(target));
  }

  @Override
  public List<String> logTail(Target target, String pod, int lines) {
    return List.of("starting gateway", "panic: WEBHOOK_SECRET is not set");
  }

  @Override
  public Subscription watch(Target target, Consumer<RolloutSnapshot> listener) {
    Watcher w = new Watcher(target, listener);
    watchers.add(w);
    listener.accept(read(target));
    return () -> watchers.remove(w);
  }

  private void change(Target target, String image, String cause, long generation) {
    List<Revision> revs = history.get(target);
    long number = revs.stream().mapToLong(Revision::number).max().orElse(0) + 1;
    revs.replaceAll(r -> new Revision(r.number(), r.image(), r.changeCause(), false));
    revs.add(new Revision(number, image, cause, true));
    current.put(target, snapshot(generation, generation - 1, number, image));
  }

  /** The controller's turn: if the generation is still the newest, it rolls out or crashes. */
  private void controllerObserves(Target target, long generation) {
    controller.schedule(
        () -> {
          RolloutSnapshot observed;
          synchronized (this) {
            RolloutSnapshot now = current.get(target);
            if (now.status().generation() != generation) {
              return;
            }
            observed =
                crashes.test(now.image())
                    ? new RolloutSnapshot(
                        new DeploymentStatus(
                            generation,
                            generation,
                            REPLICAS,
                            REPLICAS + 1,
                            1,
                            REPLICAS,
                            REPLICAS,
                            List.of()),
                        now.revision(),
                        now.image(),
                        List.of(CRASHING))
                    : snapshot(generation, generation, now.revision(), now.image());
            current.put(target, observed);
          }
          watchers.stream()
              .filter(w -> w.target().equals(target))
              .forEach(w -> w.listener().accept(observed));
        },
        delayMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Every replica on the template of {@code generation}, available; observed as given. */
  private static RolloutSnapshot snapshot(
      long generation, long observed, long revision, String image) {
    return new RolloutSnapshot(
        new DeploymentStatus(
            generation, observed, REPLICAS, REPLICAS, REPLICAS, REPLICAS, REPLICAS, List.of()),
        revision,
        image,
        List.of());
  }
}
