package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.UnaryOperator;

/**
 * An informer's store that keeps a trimmed copy of each object (see {@link CachedCopies}) instead
 * of the object as the API server sent it. Event handlers still get the full new object; the cache,
 * its indexes and the old object of an update are the trimmed copy, so index functions and readers
 * must only use what the copy keeps. Thread-safe, as fabric8's store.
 */
final class TrimmingItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  private final UnaryOperator<T> trim;

  TrimmingItemStore(UnaryOperator<T> trim) {
    super(Cache::metaNamespaceKeyFunc);
    this.trim = trim;
  }

  @Override
  public T put(String key, T obj) {
    return super.put(key, trim.apply(obj));
  }
}
