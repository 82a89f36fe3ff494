package dev.deckhand.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured registry.
 *
 * @param name how users and messages call it; an endpoint named {@code default} (else the first
 *     configured) serves image names without a registry host
 * @param baseUrl {@code http(s)://host[:port][/prefix]}, without user info, query or fragment; the
 *     API lives under {@code <baseUrl>/v2/}
 * @param credentials basic credentials for the registry and its token service, or empty for
 *     anonymous access
 * @param dockerHubStyle whether a single-segment name ({@code nginx}) means {@code library/nginx},
 *     the convention of the public hub; off for every other registry
 * @param insecure whether credentials may travel over plain {@code http://}, to this registry and
 *     to its token service; without it, an {@code http://} endpoint with credentials is refused
 * @param tokenRealms token services besides the registry's own origin that may receive the
 *     credentials: a realm matches an entry with the same scheme, host and port whose path is a
 *     prefix of the realm's; {@code https} unless {@code insecure}
 */
public record RegistryEndpoint(
    String name,
    URI baseUrl,
    Optional<Credentials> credentials,
    boolean dockerHubStyle,
    boolean insecure,
    List<URI> tokenRealms) {

  public RegistryEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(credentials, "credentials");
    tokenRealms = List.copyOf(tokenRealms);
    if (name.isBlank()) {
      throw new IllegalArgumentException("registry name must not be blank");
    }
    String scheme = Transport.scheme(baseUrl);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "registry " + name + ": base URL must be http(s)://host[:port], got " + baseUrl);
    }
    if (baseUrl.getRawUserInfo() != null
        || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "registry " + name + ": base URL must have no user info, query or fragment");
    }
    if (credentials.isPresent() && scheme.equals("http") && !insecure) {
      throw new IllegalArgumentException(
          "registry "
              + name
              + ": credentials would travel in clear to "
              + baseUrl
              + "; use https, or mark the registry insecure");
    }
    for (URI realm : tokenRealms) {
      String realmScheme = Transport.scheme(realm);
      if (!(realmScheme.equals("https") || realmScheme.equals("http") && insecure)
          || realm.getHost() == null) {
        throw new IllegalArgumentException(
            "registry "
                + name
                + ": token realm "
                + realm
                + " must be https://host[:port][/path]"
                + (insecure ? " or http://..." : " (http only for an insecure registry)"));
      }
    }
  }

  /** An anonymous, non-hub-style, secure endpoint. */
  public RegistryEndpoint(String name, URI baseUrl) {
    this(name, baseUrl, Optional.empty(), false, false, List.of());
  }

  /** A copy that authenticates with {@code credentials}. */
  public RegistryEndpoint withCredentials(Credentials credentials) {
    return new RegistryEndpoint(
        name, baseUrl, Optional.of(credentials), dockerHubStyle, insecure, tokenRealms);
  }

  /** A copy that prefixes single-segment image names with {@code library/}. */
  public RegistryEndpoint asDockerHubStyle() {
    return new RegistryEndpoint(name, baseUrl, credentials, true, insecure, tokenRealms);
  }

  /** A copy that may send its credentials over plain http. */
  public RegistryEndpoint asInsecure() {
    return new RegistryEndpoint(name, baseUrl, credentials, dockerHubStyle, true, tokenRealms);
  }

  /** A copy that also trusts these token services with its credentials. */
  public RegistryEndpoint withTokenRealms(List<URI> realms) {
    return new RegistryEndpoint(name, baseUrl, credentials, dockerHubStyle, insecure, realms);
  }

  /**
   * Whether the credentials may go to the token service at {@code realm}: a listed token realm, or
   * the registry's own host and port over https (or http when insecure).
   */
  boolean trustsRealm(URI realm) {
    if (tokenRealms.stream().anyMatch(allowed -> Transport.within(realm, allowed))) {
      return true;
    }
    return Transport.sameHostAndPort(realm, baseUrl)
        && (Transport.scheme(realm).equals("https") || insecure);
  }

  /** {@code host} or {@code host:port} as written in the base URL, lower case. */
  String hostAndPort() {
    String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
    return baseUrl.getPort() < 0 ? host : host + ":" + baseUrl.getPort();
  }

  /** The base URL with a trailing slash, so that relative paths resolve below it. */
  URI base() {
    String s = baseUrl.toString();
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** "registry NAME at URL", the subject of user-facing messages. */
  String describe() {
    return "registry " + name + " at " + baseUrl;
  }
}
