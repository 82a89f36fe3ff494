package dev.deckhand.registry;

import dev.deckhand.commands.ports.ImageRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public entry of this module: builds the {@link ImageRegistry} adapter for a set of
 * registries, on the JDK's {@link HttpClient}.
 *
 * <p>The returned registry is thread-safe and blocking; share one instance (it holds the HTTP
 * connection pool and the token cache). It follows no redirects (a redirect is reported, naming the
 * URL to configure instead) and speaks HTTP/1.1, which avoids the h2c upgrade on plain-HTTP
 * registries. See {@link RegistryEndpoint} for how image names map to registries.
 */
public final class RegistryClient {
  private RegistryClient() {}

  /** A registry client with {@link RegistrySettings#defaults()}. */
  public static ImageRegistry create(List<RegistryEndpoint> endpoints) {
    return create(endpoints, RegistrySettings.defaults());
  }

  /**
   * A registry client.
   *
   * @param endpoints at least one; names unique; the one named {@code default} (else the first)
   *     serves image names without a registry host
   * @throws IllegalArgumentException if the endpoints are empty or a name repeats
   */
  public static ImageRegistry create(List<RegistryEndpoint> endpoints, RegistrySettings settings) {
    return create(endpoints, settings, Clock.systemUTC());
  }

  static ImageRegistry create(
      List<RegistryEndpoint> endpoints, RegistrySettings settings, Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .executor(smallExecutor("registry-http"))
            .build();
    Exchanger exchanger = new Exchanger(http, settings);
    AuthenticatingTransport transport =
        new AuthenticatingTransport(
            exchanger, new TokenFetcher(exchanger, settings), new TokenCache(clock), settings);
    return new HttpImageRegistry(new RepositoryResolver(endpoints), transport, settings);
  }

  /**
   * The client's executor: the JDK's default is an unbounded cached pool that grows a thread per
   * concurrent call (200 health checks at once, 200 threads); a synchronous send only needs it to
   * complete futures, so two daemon threads, which end when idle, are enough.
   */
  private static ThreadPoolExecutor smallExecutor(String name) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
