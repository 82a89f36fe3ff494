package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code watch} registration on a {@link NamespaceInformers}. Calls to the listener are
 * serialized (events of the three informers arrive on different threads), skip a snapshot equal to
 * the one delivered just before, and start only once the informers have synced. A listener that
 * throws is logged and keeps its subscription; the informers are not affected. After {@link
 * #close()} returns no call is running or will start (unless {@code close} is called from the
 * listener itself, which is allowed).
 */
final class RolloutSubscription implements Cluster.Subscription {
  private static final Logger log = LoggerFactory.getLogger(RolloutSubscription.class);

  private final Target target;
  private final Consumer<RolloutSnapshot> listener;
  private final NamespaceInformers source;
  private volatile boolean started;
  private volatile boolean closed;
  private RolloutSnapshot last;

  RolloutSubscription(
      Target target, Consumer<RolloutSnapshot> listener, NamespaceInformers source) {
    this.target = target;
    this.listener = listener;
    this.source = source;
  }

  Target target() {
    return target;
  }

  /** The first delivery, once the informers have synced. */
  void start() {
    started = true;
    deliver();
  }

  /** Something about the target changed in the caches. */
  void refresh() {
    if (started) {
      deliver();
    }
  }

  private synchronized void deliver() {
    if (closed) {
      return;
    }
    Optional<RolloutSnapshot> snapshot;
    try {
      snapshot = source.snapshot(target);
    } catch (ClusterException e) {
      log.debug("no snapshot for {}: {}", target, e.getMessage());
      return;
    }
    if (snapshot.isEmpty() || snapshot.get().equals(last)) {
      return;
    }
    last = snapshot.get();
    try {
      listener.accept(last);
    } catch (RuntimeException e) {
      log.warn("rollout listener for {} failed; it stays subscribed", target, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    source.remove(this);
    synchronized (this) {
      // waits for a delivery in progress on another thread, so none runs after close returns
    }
  }
}
