package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchCloseOffLoopTest {

  private final ExecutorService closer = WatchCloseOffLoop.closer();

  @AfterEach
  void stop() {
    closer.shutdownNow();
  }

  /** Stands in for the mock's watch listener: its close blocks until released. */
  private static final class BlockingWatch extends WebSocketListener {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final List<String> calls = new ArrayList<>();
    volatile Thread closedOn;

    @Override
    public void onOpen(WebSocket ws, Response response) {
      calls.add("open");
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      calls.add("text " + text);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      closedOn = Thread.currentThread();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closed.countDown();
    }
  }

  @Test
  void aCloseThatBlocksDoesNotHoldTheCallersThread() throws Exception {
    BlockingWatch watch = new BlockingWatch();
    WatchCloseOffLoop listener = new WatchCloseOffLoop(watch, closer);

    listener.onClosed(null, 1000, "");

    // The caller (the server's event loop) is back while the watch's close still waits.
    assertThat(watch.closed.getCount()).isOne();
    watch.release.countDown();
    assertThat(watch.closed.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(watch.closedOn).isNotNull().isNotSameAs(Thread.currentThread());
    assertThat(watch.closedOn.getName()).isEqualTo("kube-sim-watch-close");
  }

  @Test
  void everythingElseIsPassedOnInPlace() {
    BlockingWatch watch = new BlockingWatch();
    WatchCloseOffLoop listener = new WatchCloseOffLoop(watch, closer);

    listener.onOpen(null, null);
    listener.onMessage(null, "hello");

    assertThat(watch.calls).containsExactly("open", "text hello");
  }

  @Test
  void afterShutdownACloseRunsInPlace() {
    BlockingWatch watch = new BlockingWatch();
    watch.release.countDown();
    closer.shutdown();

    new WatchCloseOffLoop(watch, closer).onClosed(null, 1000, "");

    assertThat(watch.closed.getCount()).isZero();
    assertThat(watch.closedOn).isSameAs(Thread.currentThread());
  }

  /**
   * The mock's list of watches is found: should a fabric8 upgrade rename it, this fails instead of
   * the closes silently going back to leaving a shut-down watch in the list.
   */
  @Test
  void theMocksListOfWatchesIsFound() {
    assertThat(WatchCloseOffLoop.WATCHES).isNotNull();
    assertThat(WatchCloseOffLoop.WATCHES.getType()).isEqualTo(java.util.Set.class);
  }
}
