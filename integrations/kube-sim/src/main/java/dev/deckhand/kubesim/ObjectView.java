package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An informer's cache overlaid with the controller's own recent writes, so a reconcile never acts
 * on a cache that has not caught up with the previous one (the real controller keeps "expectations"
 * for the same reason). Confined to the controller thread: not thread-safe.
 */
final class ObjectView<T extends HasMetadata> implements ResourceEventHandler<T> {

  // Long enough for any watch event to arrive; short enough that a missed one heals itself.
  private static final Duration TTL = Duration.ofSeconds(10);

  private final SharedIndexInformer<T> informer;
  private final Clock clock;
  private final Map<String, Written<T>> written = new HashMap<>();
  private final Map<String, Instant> deletedUids = new HashMap<>();
  // Filled by the informer's thread, drained by the controller's.
  private final Queue<String> goneUids = new ConcurrentLinkedQueue<>();

  /** Registers itself with {@code informer}, which must not have started yet. */
  ObjectView(SharedIndexInformer<T> informer, Clock clock) {
    this.informer = informer;
    this.clock = clock;
    informer.addEventHandler(this);
  }

  /** Every object, newest known version of each, minus those this controller deleted. */
  List<T> list() {
    for (String uid = goneUids.poll(); uid != null; uid = goneUids.poll()) {
      String gone = uid;
      written.values().removeIf(mine -> gone.equals(mine.object().getMetadata().getUid()));
    }
    Map<String, T> merged = new LinkedHashMap<>();
    Set<String> cachedUids = new HashSet<>();
    for (T cached : informer.getStore().list()) {
      cachedUids.add(cached.getMetadata().getUid());
      if (!deletedUids.containsKey(cached.getMetadata().getUid())) {
        merged.put(key(cached), cached);
      }
    }
    Instant expiry = clock.instant().minus(TTL);
    written
        .values()
        .removeIf(
            mine -> {
              T cached = merged.get(key(mine.object()));
              return mine.at().isBefore(expiry)
                  || cached != null && version(cached) >= version(mine.object());
            });
    for (Written<T> mine : written.values()) {
      merged.put(key(mine.object()), mine.object());
    }
    deletedUids
        .entrySet()
        .removeIf(e -> !cachedUids.contains(e.getKey()) && e.getValue().isBefore(expiry));
    return new ArrayList<>(merged.values());
  }

  /** Remembers the server's answer to a create or update made by this controller. */
  void wrote(T fromServer) {
    if (fromServer != null && fromServer.getMetadata() != null) {
      written.put(key(fromServer), new Written<>(fromServer, clock.instant()));
    }
  }

  /** Remembers that this controller deleted {@code object}. */
  void deleted(T object) {
    written.remove(key(object));
    deletedUids.put(object.getMetadata().getUid(), clock.instant());
  }

  @Override
  public void onAdd(T object) {}

  @Override
  public void onUpdate(T oldObject, T newObject) {}

  /** Someone deleted the object: forget our last write of it, or it would linger as a ghost. */
  @Override
  public void onDelete(T object, boolean deletedFinalStateUnknown) {
    goneUids.add(object.getMetadata().getUid());
  }

  private record Written<T>(T object, Instant at) {}

  private static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static long version(HasMetadata object) {
    try {
      return Long.parseLong(object.getMetadata().getResourceVersion());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
