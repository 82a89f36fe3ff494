package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * fabric8's JDK HTTP client with a bounded executor. fabric8's own factory gives each client an
 * unbounded cached pool, which grows a thread per concurrent request under a burst of patches. The
 * JDK client does its I/O on its selector thread; the executor only completes futures and hands
 * watch bytes on to fabric8, which does not block there, so two threads (idle ones end) suffice.
 * One instance per {@code KubernetesClient}; closing that client shuts the pools down.
 */
final class SmallJdkHttpClientFactory extends JdkHttpClientFactory {
  static final int THREADS = 2;

  private final String name;
  private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

  /**
   * @param name names the executor's threads ({@code name-1}, ...)
   */
  SmallJdkHttpClientFactory(String name) {
    this.name = name;
  }

  @Override
  protected HttpClient.Builder createNewHttpClientBuilder() {
    ExecutorService executor = DaemonPools.fixed(name, THREADS);
    executors.add(executor);
    return HttpClient.newBuilder().executor(executor);
  }

  @Override
  protected void closeHttpClient(JdkHttpClientImpl client) {
    super.closeHttpClient(client);
    executors.forEach(ExecutorService::shutdown);
  }
}
