package dev.deckhand.registry;

import dev.deckhand.commands.ports.ImageRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

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

  /**
   * A registry client.
   *
   * @param endpoints at least one; names unique; the one named {@code default} (else the first)
   *     serves image names without a registry host
   * @param executor completes the HTTP client's futures (its calls are synchronous, so it only
   *     hands answers back; it must not be a thread that waits for them); share one small executor
   *     among HTTP clients rather than the JDK's default, an unbounded pool per client
   * @throws IllegalArgumentException if the endpoints are empty or a name repeats
   */
  public static ImageRegistry create(
      List<RegistryEndpoint> endpoints, RegistrySettings settings, Executor executor) {
    return create(endpoints, settings, executor, Clock.systemUTC());
  }

  static ImageRegistry create(
      List<RegistryEndpoint> endpoints, RegistrySettings settings, Executor executor, Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .executor(executor)
            .build();
    Exchanger exchanger = new Exchanger(http, settings);
    AuthenticatingTransport transport =
        new AuthenticatingTransport(
            exchanger, new TokenFetcher(exchanger, settings), new TokenCache(clock), settings);
    return new HttpImageRegistry(new RepositoryResolver(endpoints), transport, settings);
  }
}
