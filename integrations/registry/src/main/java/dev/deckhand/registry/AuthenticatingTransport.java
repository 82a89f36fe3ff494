package dev.deckhand.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends registry API requests with authentication: a cached bearer token for the repository's pull
 * scope if one is valid, else basic credentials if configured, else nothing. On a 401 with a Bearer
 * challenge it fetches a fresh token for the challenged scope, retries once and, if that is
 * accepted, caches the token under the repository's scope; a 401 after that, or a 401 without a
 * Bearer challenge, means refused credentials. Thread-safe.
 */
final class AuthenticatingTransport {
  private static final Logger log = LoggerFactory.getLogger(AuthenticatingTransport.class);

  private final Exchanger exchanger;
  private final TokenFetcher tokens;
  private final TokenCache cache;
  private final RegistrySettings settings;

  AuthenticatingTransport(
      Exchanger exchanger, TokenFetcher tokens, TokenCache cache, RegistrySettings settings) {
    this.exchanger = exchanger;
    this.tokens = tokens;
    this.cache = cache;
    this.settings = settings;
  }

  /** The answer to {@code method uri}; any status but 401 and 5xx is left to the caller. */
  HttpResponse<byte[]> send(
      RepositoryLocation location, String method, URI uri, String accept, String action) {
    return send(location, method, uri, accept, action, null, location.pullScope());
  }

  /** A request body and its content type. */
  record Body(String contentType, byte[] bytes) {}

  /**
   * As {@link #send(RepositoryLocation, String, URI, String, String)}, with a body (null for none)
   * and the token scope to ask for ({@link RepositoryLocation#pushScope()} for writes).
   */
  HttpResponse<byte[]> send(
      RepositoryLocation location,
      String method,
      URI uri,
      String accept,
      String action,
      Body body,
      String scope) {
    RegistryEndpoint endpoint = location.endpoint();
    Optional<String> cached = cache.get(endpoint.name(), scope);
    Optional<String> authorization =
        cached.map(t -> "Bearer " + t).or(() -> endpoint.credentials().map(BasicAuth::header));
    HttpResponse<byte[]> response =
        exchanger.send(
            request(method, uri, accept, body, authorization), endpoint.describe(), action);
    if (response.statusCode() != 401) {
      return response;
    }
    Optional<AuthChallenge> challenge =
        AuthChallenge.bearer(response.headers().allValues("WWW-Authenticate"));
    if (challenge.isEmpty()) {
      throw Failures.refused(location);
    }
    log.debug(
        "registry {} wants a bearer token for {} (cached one: {})",
        endpoint.name(),
        scope,
        cached.isPresent());
    TokenFetcher.Token token =
        tokens.fetch(location, challenge.get(), challenge.get().param("scope").orElse(scope));
    response =
        exchanger.send(
            request(method, uri, accept, body, Optional.of("Bearer " + token.value())),
            endpoint.describe(),
            action);
    if (response.statusCode() == 401) {
      throw Failures.refused(location);
    }
    cache.put(endpoint.name(), scope, token.value(), token.lifetime());
    return response;
  }

  private HttpRequest request(
      String method, URI uri, String accept, Body body, Optional<String> authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", accept)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (body != null) {
      builder.header("Content-Type", body.contentType());
    }
    authorization.ifPresent(a -> builder.header("Authorization", a));
    return builder.build();
  }
}
