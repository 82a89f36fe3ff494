package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;

/**
 * fabric8's JDK HTTP client on an executor given by the caller. fabric8's own factory gives each
 * client an unbounded cached pool, which grows a thread per concurrent request under a burst of
 * patches. The JDK client does its I/O on its selector thread; the executor only completes futures
 * and hands watch bytes on to fabric8, which does not block there, so a small executor shared with
 * the process's other HTTP clients suffices. The caller owns it: closing a client leaves it
 * running.
 */
final class SmallJdkHttpClientFactory extends JdkHttpClientFactory {
  private final Executor executor;

  SmallJdkHttpClientFactory(Executor executor) {
    this.executor = executor;
  }

  @Override
  protected HttpClient.Builder createNewHttpClientBuilder() {
    return HttpClient.newBuilder().executor(executor);
  }
}
