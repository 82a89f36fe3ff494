package dev.deckhand.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deckhand.commands.ports.RegistryException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Gets a bearer token from the realm named in a registry's challenge (the token authentication of
 * the distribution spec): {@code GET <realm>?service=..&scope=..}, with the endpoint's basic
 * credentials if it has any, anonymously otherwise; reads {@code token} or {@code access_token} and
 * {@code expires_in} (60 s when absent). The credentials go only to a realm the endpoint trusts
 * ({@link RegistryEndpoint#trustsRealm}): any other realm is refused before anything is sent. An
 * anonymous endpoint has nothing to leak and may follow any realm. Thread-safe.
 */
final class TokenFetcher {
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private final Exchanger exchanger;
  private final RegistrySettings settings;

  TokenFetcher(Exchanger exchanger, RegistrySettings settings) {
    this.exchanger = exchanger;
    this.settings = settings;
  }

  /** A token and how long it lives. */
  record Token(String value, Duration lifetime) {
    @Override
    public String toString() {
      return "Token[***, lifetime=" + lifetime + "]";
    }
  }

  Token fetch(RepositoryLocation location, AuthChallenge challenge, String scope) {
    RegistryEndpoint endpoint = location.endpoint();
    URI realm = realm(endpoint, challenge);
    String peer =
        "the token service of registry " + endpoint.name() + " at " + Transport.origin(realm);
    if (endpoint.credentials().isPresent() && !endpoint.trustsRealm(realm)) {
      throw untrusted(endpoint, realm);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(withQuery(realm, challenge, scope))
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json")
            .GET();
    endpoint.credentials().ifPresent(c -> request.header("Authorization", BasicAuth.header(c)));
    HttpResponse<byte[]> response =
        exchanger.send(request.build(), peer, "getting a token for " + location.path());
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw Failures.refused(location);
    }
    if (status != 200) {
      throw new RegistryException(
          peer + " answered HTTP " + status + " while getting a token for " + location.path());
    }
    return parse(response.body(), peer);
  }

  private static URI realm(RegistryEndpoint endpoint, AuthChallenge challenge) {
    String realm = challenge.param("realm").orElse("");
    try {
      URI uri = URI.create(realm);
      String scheme = Transport.scheme(uri);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new RegistryException(
        endpoint.describe() + " asked for a bearer token but named no usable token service");
  }

  private static URI withQuery(URI realm, AuthChallenge challenge, String scope) {
    StringBuilder query = new StringBuilder();
    challenge.param("service").ifPresent(s -> query.append("service=").append(encode(s)));
    query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
    String base = realm.toString();
    return URI.create(base + (realm.getRawQuery() == null ? "?" : "&") + query);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static RegistryException untrusted(RegistryEndpoint endpoint, URI realm) {
    String own = Transport.sameHostAndPort(realm, endpoint.baseUrl()) ? "" : "not on its own host";
    String clear = Transport.scheme(realm).equals("https") ? "" : "over plain http";
    return new RegistryException(
        endpoint.describe()
            + " sent us to the token service "
            + Transport.origin(realm)
            + realm.getRawPath()
            + ", which is "
            + (own.isEmpty() || clear.isEmpty() ? own + clear : own + " and " + clear)
            + "; its credentials were not sent. If that service is trusted, list it under"
            + " registries."
            + endpoint.name()
            + ".token-realms");
  }

  private static Token parse(byte[] body, String peer) {
    JsonNode json;
    try {
      json = RegistryJson.object(body);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(peer + " returned an unreadable token response", e);
    }
    JsonNode token = json.get("token");
    if (token == null || !token.isTextual() || token.asText().isEmpty()) {
      token = json.get("access_token");
    }
    if (token == null || !token.isTextual() || token.asText().isEmpty()) {
      throw new RegistryException(peer + " returned no token");
    }
    Duration lifetime = DEFAULT_LIFETIME;
    JsonNode expires = json.get("expires_in");
    if (expires != null && expires.isNumber() && expires.decimalValue().signum() > 0) {
      lifetime =
          Duration.ofSeconds(expires.decimalValue().min(BigDecimal.valueOf(86_400)).longValue());
    }
    return new Token(token.asText(), lifetime);
  }
}
