package dev.deckhand.registry;

import dev.deckhand.commands.ports.RegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request with the retry policy: a connection error or a 5xx answer is retried once after
 * a short pause; a request timeout, a TLS failure and any 4xx are not. Turns what cannot be
 * recovered into a {@link RegistryException} with a user-safe message. Never logs headers (they
 * carry credentials). Thread-safe.
 */
final class Exchanger {
  private static final Logger log = LoggerFactory.getLogger(Exchanger.class);

  private final HttpClient http;
  private final RegistrySettings settings;

  /** The most Deckhand waits in total, for one request, on 429 answers with Retry-After. */
  static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(30);

  private final Duration maxRateLimitWait;

  Exchanger(HttpClient http, RegistrySettings settings) {
    this(http, settings, MAX_RATE_LIMIT_WAIT);
  }

  Exchanger(HttpClient http, RegistrySettings settings, Duration maxRateLimitWait) {
    this.http = http;
    this.settings = settings;
    this.maxRateLimitWait = maxRateLimitWait;
  }

  /**
   * The answer to {@code request}, whatever its status below 500.
   *
   * @param peer names the server in messages ("registry default at http://...")
   * @param action what the request is for, in messages ("listing tags of app")
   */
  HttpResponse<byte[]> send(HttpRequest request, String peer, String action) {
    long waitedMillis = 0;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt == 2;
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        log.debug("{} {} -> {}", request.method(), request.uri(), response.statusCode());
        if (response.statusCode() == 429) {
          long wait = retryAfterMillis(response);
          if (wait < 0 || waitedMillis + wait > maxRateLimitWait.toMillis()) {
            throw new RegistryException(
                peer
                    + " is rate-limiting us (HTTP 429) while "
                    + action
                    + (wait < 0
                        ? ""
                        : "; it asks to wait "
                            + Math.max(1, wait / 1000)
                            + " s more, beyond the "
                            + maxRateLimitWait.toSeconds()
                            + " s Deckhand waits")
                    + "; try again in a few minutes");
          }
          log.info("{} is rate-limiting us; waiting {} ms as it asks", peer, wait);
          sleep(wait, action);
          waitedMillis += wait;
          attempt--;
          continue;
        }
        if (response.statusCode() < 500) {
          return response;
        }
        if (last) {
          throw new RegistryException(
              peer + " failed with HTTP " + response.statusCode() + " while " + action);
        }
        log.info("{} answered HTTP {}; retrying once", peer, response.statusCode());
      } catch (IOException e) {
        if (last || !retryable(e)) {
          throw new RegistryException(peer + " is unreachable: " + reason(e), e);
        }
        log.info("{} is unreachable ({}); retrying once", peer, reason(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted while " + action, e);
      }
      pause(action);
    }
  }

  /** Retry-After in milliseconds (delta-seconds only), or -1 when absent or unreadable. */
  static long retryAfterMillis(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::trim)
        .filter(v -> v.matches("[0-9]{1,6}"))
        .map(v -> Long.parseLong(v) * 1000)
        .orElse(-1L);
  }

  private void sleep(long millis, String action) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while " + action, e);
    }
  }

  private boolean retryable(IOException e) {
    boolean requestTimeout =
        e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException);
    return !requestTimeout && !(e instanceof SSLException);
  }

  private String reason(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out after " + settings.connectTimeout().toSeconds() + " s";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + settings.requestTimeout().toSeconds() + " s";
    }
    if (e instanceof SSLException) {
      return "TLS handshake failed (check the certificate and the URL's scheme)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return "network error (" + e.getClass().getSimpleName() + ")";
  }

  private void pause(String action) {
    if (settings.retryDelay().isZero()) {
      return;
    }
    try {
      Thread.sleep(settings.retryDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while " + action, e);
    }
  }
}
