package dev.deckhand.kubesim;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A watch's WebSocket listener from the CRUD mock whose close and failure run off the server's
 * event loop.
 *
 * <p>The mock's watch listener shuts its event executor down and waits for it (up to a minute) in
 * {@code onClosed} and {@code onFailure}, which the server calls on its event loop. When the client
 * closes a watch while an event is being sent on it (a {@code waitUntilCondition} that has just
 * seen its condition does exactly that), the send waits for the event loop and the event loop waits
 * for the send: every connection on that loop, exec sessions and other watches included, stalls for
 * the send's 30 s bound. Waiting on a thread of our own instead lets the send finish on the loop.
 */
final class WatchCloseOffLoop extends WebSocketListener {

  private final WebSocketListener watch;
  private final ExecutorService closer;

  WatchCloseOffLoop(WebSocketListener watch, ExecutorService closer) {
    this.watch = watch;
    this.closer = closer;
  }

  /** One daemon thread per simulated API server that closes its watches in turn. */
  static ExecutorService closer() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "kube-sim-watch-close");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void onBeforeAccept(WebSocket ws, Response response) {
    watch.onBeforeAccept(ws, response);
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    watch.onOpen(ws, response);
  }

  @Override
  public void onMessage(WebSocket ws, String text) {
    watch.onMessage(ws, text);
  }

  @Override
  public void onMessage(WebSocket ws, ByteString bytes) {
    watch.onMessage(ws, bytes);
  }

  @Override
  public void onMessage(WebSocket ws, byte[] bytes) {
    watch.onMessage(ws, bytes);
  }

  @Override
  public void onClosing(WebSocket ws, int code, String reason) {
    watch.onClosing(ws, code, reason);
  }

  @Override
  public void onClosed(WebSocket ws, int code, String reason) {
    forget();
    offLoop(() -> watch.onClosed(ws, code, reason));
  }

  @Override
  public void onFailure(WebSocket ws, Throwable failure, Response response) {
    forget();
    offLoop(() -> watch.onFailure(ws, failure, response));
  }

  /**
   * Takes the watch out of the dispatcher's list of watches at once, on the loop, before its
   * executor is shut down off it: an event dispatched meanwhile must not be handed to a shut-down
   * executor, whose refusal would end the dispatcher's loop over the watches and so keep the event
   * from every watch after it. The mock's own close removes it only after its wait.
   */
  private void forget() {
    if (WATCHES == null) {
      return;
    }
    try {
      ((java.util.Set<?>) WATCHES.get(watch)).remove(watch);
    } catch (IllegalAccessException | IllegalArgumentException | ClassCastException e) {
      // Another version of the mock: its own close removes the watch, after its wait.
    }
  }

  /** {@code WatchEventsListener.watchEventListenerList} of the mock (7.8), null if it has none. */
  static final java.lang.reflect.Field WATCHES = watchesField();

  private static java.lang.reflect.Field watchesField() {
    try {
      Class<?> type = Class.forName("io.fabric8.kubernetes.client.server.mock.WatchEventsListener");
      java.lang.reflect.Field f = type.getDeclaredField("watchEventListenerList");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private void offLoop(Runnable close) {
    if (closer.isShutdown()) {
      close.run(); // the cluster is closing: nothing else waits on this loop any more
      return;
    }
    try {
      closer.execute(close);
    } catch (RejectedExecutionException e) {
      close.run();
    }
  }
}
