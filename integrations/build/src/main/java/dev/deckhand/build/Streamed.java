package dev.deckhand.build;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A docker-java stream callback that hands each item to a consumer and can be awaited until a
 * deadline. Unlike docker-java's own template it logs nothing: failures are returned to the caller,
 * which reports them once.
 */
final class Streamed<T> implements ResultCallback<T> {
  private final Consumer<T> consumer;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile Closeable stream;
  private volatile boolean closed;

  Streamed(Consumer<T> consumer) {
    this.consumer = consumer;
  }

  @Override
  public void onStart(Closeable stream) {
    this.stream = stream;
    if (closed) {
      // Given up on before the engine answered: drop the connection now that there is one.
      close();
    }
  }

  @Override
  public void onNext(T item) {
    consumer.accept(item);
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    done.complete(null);
  }

  /** The outcome of waiting for the end of the stream. */
  enum Outcome {
    COMPLETED,
    TIMED_OUT
  }

  /**
   * Waits for the end of the stream until {@code deadline}; on time-out the stream is closed.
   *
   * @throws ExecutionException with the stream's failure as cause
   */
  Outcome await(Instant deadline) throws ExecutionException, InterruptedException {
    Duration left = Duration.between(Instant.now(), deadline);
    try {
      done.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
      return Outcome.COMPLETED;
    } catch (TimeoutException e) {
      close();
      return Outcome.TIMED_OUT;
    } finally {
      if (done.isDone()) {
        close();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Closeable open = stream;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // The engine's connection is being dropped either way.
      }
    }
    done.complete(null);
  }
}
